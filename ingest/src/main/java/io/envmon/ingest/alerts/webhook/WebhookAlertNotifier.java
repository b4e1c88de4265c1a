package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.alerts.AlertNotifier;
import io.envmon.ingest.alerts.system.SystemAlertMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert events to the configured channels (docs/webhooks.md): envmon's signed webhooks, DingTalk, WeCom
 * and Feishu group robots, e-mail. Each event goes to the bureau's channels and to the channels of the enterprise it
 * is about (never another's), filtered by kind, site and severity. Per channel, messages (one event, or a digest)
 * are delivered one at a time in the order given, within the platform's sending limit, retried with exponential
 * backoff on temporary failures, and dropped after {@code maxAttempts} or when the channel's queue is full (oldest
 * first). Every attempt is logged, counted ({@code envmon.webhook.*}) and kept in a bounded
 * {@link #recentDeliveries() delivery log}. With {@code systemAlerts} enabled it also watches the service itself
 * ({@link SystemAlertMonitor}) and sends envmon's own alerts to the bureau's channels.
 *
 * <p>Deliveries are at least once: a receiver deduplicates by {@code X-Envmon-Delivery}. Nothing survives a
 * restart: an alert is durable in InfluxDB and on MQTT, the webhook is a notification.
 *
 * <p>All delivery state lives on one Vert.x context (the caller's at construction, or a new event-loop context);
 * {@link #deliver} and {@link #close} may be called from any thread, {@link #recentDeliveries()} too.
 */
public final class WebhookAlertNotifier implements AlertNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertNotifier.class);

    private final Context context;
    private final WebClient client;
    private final DeliveryLog log;
    private final List<WebhookChannel> channels = new ArrayList<>();
    private final SystemAlertMonitor system;
    private volatile boolean closed;

    /**
     * @param vertx  the process's Vert.x; the HTTP client is created from it
     * @param config the validated webhooks (see {@link WebhooksConfigParser})
     * @param clock  for {@code X-Envmon-Timestamp}, Retry-After dates and the delivery log
     * @param meters where {@code envmon.webhook.deliveries}, {@code envmon.webhook.latency} and
     *               {@code envmon.webhook.queue} are registered, per webhook
     */
    public WebhookAlertNotifier(Vertx vertx, WebhooksConfig config, Clock clock, MeterRegistry meters) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(meters, "meters");
        this.context = vertx.getOrCreateContext();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("envmon-webhook/1")
                .setFollowRedirects(false)
                .setVerifyHost(true) // the default, stated: certificates are checked against the URL's host
                .setKeepAlive(true));
        this.log = new DeliveryLog(config.deliveryLogSize());
        WebhookRetryPolicy policy = WebhookRetryPolicy.of(config);
        for (WebhookConfig w : config.webhooks()) {
            ChannelSender sender = w.target() instanceof ChannelTarget.Email ? new EmailSender(vertx, w)
                    : new HttpChannelSender(w, client, clock);
            channels.add(new WebhookChannel(w, vertx, sender, clock, policy, config.queueCapacity(), log, meters));
            warnIfPlainHttp(w);
        }
        // scripts/run.sh shows this line to say which channels are active: keep its start
        LOG.info("alert channels: {}", config.summary());
        boolean bureauListens = config.webhooks().stream().anyMatch(w -> w.audience() instanceof WebhookAudience.Bureau
                && w.kinds().contains(AlertEvent.SYSTEM_KIND));
        if (config.systemAlerts().enabled() && bureauListens) {
            system = new SystemAlertMonitor(vertx, meters, clock, config.systemAlerts(), e -> deliver(e, true));
        } else {
            system = null;
            LOG.info("system alerts: off ({})", config.systemAlerts().enabled()
                    ? "no bureau channel takes kind system" : "systemAlerts.enabled is false");
        }
    }

    /** Routes the event to the webhooks that may and want to receive it; returns at once. */
    @Override
    public void deliver(AlertEvent event) {
        deliver(event, false);
    }

    /** As {@link #deliver(AlertEvent)}; an event for the bureau only never goes to an enterprise's webhook. */
    @Override
    public void deliver(AlertEvent event, boolean bureauOnly) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            LOG.warn("[event: {}] not delivered to webhooks: the notifier is closed", event.id());
            return;
        }
        if (Vertx.currentContext() == context) {
            route(event, bureauOnly);
        } else {
            context.runOnContext(v -> route(event, bureauOnly)); // FIFO per caller: order is kept
        }
    }

    private void route(AlertEvent event, boolean bureauOnly) {
        for (WebhookChannel channel : channels) {
            if (!channel.config().accepts(event, bureauOnly)) {
                continue;
            }
            try {
                channel.enqueue(event);
            } catch (RuntimeException e) {
                // one faulty webhook (or event) must not keep the others from their alerts
                LOG.error("[webhook: {}, event: {}] cannot queue the event", channel.config().name(), event.id(), e);
            }
        }
    }

    /** The latest deliveries (attempts and drops) of all webhooks, oldest first; safe from any thread. */
    public List<DeliveryRecord> recentDeliveries() {
        return log.snapshot();
    }

    /**
     * Stops delivering: cancels retries, abandons waiting events (logged as ERROR and counted as dropped) and
     * closes the HTTP client. From a thread that is not Vert.x's it waits (up to 5 s) until that is done.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Vertx.currentContext() == context) {
            shutdown();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        context.runOnContext(v -> {
            shutdown();
            done.countDown();
        });
        if (!Context.isOnVertxThread()) {
            try {
                if (!done.await(5, TimeUnit.SECONDS)) {
                    LOG.warn("webhooks: shutdown did not finish within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void shutdown() {
        if (system != null) {
            system.close();
        }
        channels.forEach(WebhookChannel::close);
        client.close();
        LOG.info("webhooks: closed");
    }

    private static void warnIfPlainHttp(WebhookConfig w) {
        if (w.url() == null || !"http".equalsIgnoreCase(w.url().getScheme())) {
            return;
        }
        String host = w.url().getHost().toLowerCase(Locale.ROOT);
        // by name only: a DNS lookup here could block the event loop the constructor runs on
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (!loopback) {
            LOG.warn("[webhook: {}] plain http: alerts travel readable by anyone on the path (the signature "
                    + "protects integrity, not confidentiality); use https", w.name());
        }
    }
}
