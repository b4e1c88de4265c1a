package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.Severity;
import io.envmon.model.SiteKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One configured webhook, validated ({@link WebhooksConfigParser} names the key of what is wrong; this record
 * only guards its invariants).
 *
 * @param name        unique, {@code [A-Za-z0-9_.-]}; used in logs, metrics and the delivery log (the URL is not,
 *                    as it may carry a token)
 * @param url         absolute {@code http} or {@code https} URL the events are POSTed to
 * @param secret      the HMAC-SHA256 key; never logged ({@link #toString()} masks it)
 * @param audience    whose events it may receive at all
 * @param minSeverity events below it are not sent
 * @param kinds       event kinds sent ({@link SiteKind#topicSegment()}: {@code air}, {@code water},
 *                    {@code enterprise}), non-empty
 * @param timeout     deadline of one request, connection included
 * @param maxAttempts attempts per event before it is dropped, at least 1
 */
public record WebhookConfig(String name, URI url, String secret, WebhookAudience audience, Severity minSeverity,
                            Set<String> kinds, Duration timeout, int maxAttempts) {

    public static final Severity DEFAULT_MIN_SEVERITY = Severity.INFO;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public WebhookConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(minSeverity, "minSeverity");
        Objects.requireNonNull(timeout, "timeout");
        kinds = Set.copyOf(kinds);
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("webhook " + name + ": empty secret");
        }
        if (kinds.isEmpty() || !SiteKind.topicSegments().containsAll(kinds)) {
            throw new IllegalArgumentException("webhook " + name + ": kinds must be a non-empty subset of "
                    + SiteKind.topicSegments());
        }
        if (timeout.isNegative() || timeout.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("webhook " + name + ": timeout and maxAttempts must be positive");
        }
    }

    /** A webhook with the default filters, timeout and attempts. */
    public static WebhookConfig of(String name, URI url, String secret, WebhookAudience audience) {
        return new WebhookConfig(name, url, secret, audience, DEFAULT_MIN_SEVERITY,
                Set.copyOf(SiteKind.topicSegments()), DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
    }

    /** The audience rule first (never relaxed by filters), then the kind and severity filters. */
    public boolean accepts(AlertEvent event) {
        return accepts(event, false);
    }

    /** As {@link #accepts(AlertEvent)}, for an event that may be for the bureau only (never to an enterprise). */
    public boolean accepts(AlertEvent event, boolean bureauOnly) {
        return audience.mayReceive(event, bureauOnly) && kinds.contains(event.kind())
                && event.severity().compareTo(minSeverity) >= 0;
    }

    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    public WebhookConfig withMaxAttempts(int attempts) {
        return new WebhookConfig(name, url, secret, audience, minSeverity, kinds, timeout, attempts);
    }

    public WebhookConfig withMinSeverity(Severity severity) {
        return new WebhookConfig(name, url, secret, audience, severity, kinds, timeout, maxAttempts);
    }

    public WebhookConfig withTimeout(Duration t) {
        return new WebhookConfig(name, url, secret, audience, minSeverity, kinds, t, maxAttempts);
    }

    /** Without the secret, and without the URL's query and user info (they may carry credentials). */
    @Override
    public String toString() {
        return "WebhookConfig[name=" + name + ", url=" + url.getScheme() + "://" + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath() + ", secret=***, audience="
                + audience + ", minSeverity=" + minSeverity.wire() + ", kinds=" + kinds + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
