package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.Severity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One configured channel of the webhooks file: where and how it delivers ({@link ChannelTarget}: envmon's signed
 * webhook, a DingTalk, WeCom or Feishu robot, e-mail), to whom ({@link WebhookAudience}) and what (filters), validated
 * ({@link WebhooksConfigParser} names the key of what is wrong; this record only guards its invariants).
 *
 * @param name        unique, {@code [A-Za-z0-9_.-]}; used in logs, metrics and the delivery log (the URL is not,
 *                    as it may carry a token)
 * @param target      the destination and its format
 * @param audience    whose events it may receive at all
 * @param minSeverity events below it are not sent
 * @param kinds       event kinds sent ({@link AlertEvent#KINDS}: {@code air}, {@code water}, {@code enterprise},
 *                    {@code system}), non-empty
 * @param sites       only events of these sites (station, section or enterprise IDs, {@code district},
 *                    {@code envmon}); empty: every site the audience may see
 * @param timeout     deadline of one request (one SMTP session for e-mail), connection included
 * @param maxAttempts attempts per message before it is dropped, at least 1
 * @param digest      {@code null}: one message per event; else the events of each such interval go as one message
 * @param rateLimit   requests allowed per window; by default the platform's documented limit
 */
public record WebhookConfig(String name, ChannelTarget target, WebhookAudience audience, Severity minSeverity,
                            Set<String> kinds, Set<String> sites, Duration timeout, int maxAttempts, Duration digest,
                            RateLimit rateLimit) {

    public static final Severity DEFAULT_MIN_SEVERITY = Severity.INFO;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public WebhookConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(minSeverity, "minSeverity");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(rateLimit, "rateLimit");
        kinds = Set.copyOf(kinds);
        sites = Set.copyOf(sites);
        if (kinds.isEmpty() || !AlertEvent.KINDS.containsAll(kinds)) {
            throw new IllegalArgumentException("webhook " + name + ": kinds must be a non-empty subset of "
                    + AlertEvent.KINDS);
        }
        if (timeout.isNegative() || timeout.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("webhook " + name + ": timeout and maxAttempts must be positive");
        }
        if (digest != null && (digest.isNegative() || digest.isZero() || !target.digestAllowed())) {
            throw new IllegalArgumentException("webhook " + name + ": no digest for " + target.type());
        }
    }

    /** envmon's signed webhook with the default filters, timeout and attempts. */
    public static WebhookConfig of(String name, URI url, String secret, WebhookAudience audience) {
        return of(name, new ChannelTarget.Webhook(url, secret), audience);
    }

    /** A channel with the default filters, timeout, attempts and the target's rate limit. */
    public static WebhookConfig of(String name, ChannelTarget target, WebhookAudience audience) {
        return new WebhookConfig(name, target, audience, DEFAULT_MIN_SEVERITY, Set.copyOf(AlertEvent.KINDS), Set.of(),
                DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, null, target.rateLimit());
    }

    /** The audience rule first (never relaxed by filters), then the kind, site and severity filters. */
    public boolean accepts(AlertEvent event) {
        return accepts(event, false);
    }

    /** As {@link #accepts(AlertEvent)}, for an event that may be for the bureau only (never to an enterprise). */
    public boolean accepts(AlertEvent event, boolean bureauOnly) {
        return audience.mayReceive(event, bureauOnly) && kinds.contains(event.kind())
                && (sites.isEmpty() || sites.contains(event.site()))
                && event.severity().compareTo(minSeverity) >= 0;
    }

    /** The type of the webhooks file: {@code webhook}, {@code dingtalk}, {@code wecom}, {@code feishu}, {@code email}. */
    public String type() {
        return target.type();
    }

    /** The URL of an HTTP channel, {@code null} for e-mail. */
    public URI url() {
        return target instanceof ChannelTarget.HttpTarget h ? h.url() : null;
    }

    /** The signing secret, {@code null} when the channel signs nothing. */
    public String secret() {
        return target instanceof ChannelTarget.HttpTarget h ? h.secret() : null;
    }

    public byte[] secretBytes() {
        return secret().getBytes(StandardCharsets.UTF_8);
    }

    public WebhookConfig withMaxAttempts(int attempts) {
        return new WebhookConfig(name, target, audience, minSeverity, kinds, sites, timeout, attempts, digest, rateLimit);
    }

    public WebhookConfig withMinSeverity(Severity severity) {
        return new WebhookConfig(name, target, audience, severity, kinds, sites, timeout, maxAttempts, digest, rateLimit);
    }

    public WebhookConfig withTimeout(Duration t) {
        return new WebhookConfig(name, target, audience, minSeverity, kinds, sites, t, maxAttempts, digest, rateLimit);
    }

    public WebhookConfig withKinds(Set<String> k) {
        return new WebhookConfig(name, target, audience, minSeverity, k, sites, timeout, maxAttempts, digest, rateLimit);
    }

    public WebhookConfig withSites(Set<String> s) {
        return new WebhookConfig(name, target, audience, minSeverity, kinds, s, timeout, maxAttempts, digest, rateLimit);
    }

    public WebhookConfig withDigest(Duration d) {
        return new WebhookConfig(name, target, audience, minSeverity, kinds, sites, timeout, maxAttempts, d, rateLimit);
    }

    public WebhookConfig withRateLimit(RateLimit r) {
        return new WebhookConfig(name, target, audience, minSeverity, kinds, sites, timeout, maxAttempts, digest, r);
    }

    /** Without secrets, passwords, and without the URL's query and user info (they may carry credentials). */
    @Override
    public String toString() {
        return "WebhookConfig[name=" + name + ", " + target + ", audience=" + audience + ", minSeverity="
                + minSeverity.wire() + ", kinds=" + kinds + (sites.isEmpty() ? "" : ", sites=" + sites) + ", timeout="
                + timeout + ", maxAttempts=" + maxAttempts + (digest == null ? "" : ", digest=" + digest)
                + ", rateLimit=" + rateLimit + "]";
    }
}
