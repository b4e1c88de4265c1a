package io.envmon.ingest.mqtt;

import io.envmon.model.Backoff;
import io.envmon.model.tls.TlsFailures;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one Paho client and connects it again whenever it is lost, with backoff. Paho's own automatic reconnect
 * is off because it says nothing about why an attempt failed; here every failed attempt is logged with its cause in
 * words ({@link TlsFailures}): at WARN the first one, each change of cause and a reminder every few minutes, the
 * repeats in between at DEBUG (docs/operations.md, "Logs").
 *
 * <p>Attempts are started from the owning context's timers; Paho reports their outcome on its own threads, and the
 * outcome is handed back to the context, so the fields need no locks.
 */
final class MqttLink {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30),
            Backoff.Jitter.TWENTY_PERCENT);
    /** Identical failures in a row are repeated at WARN at most this often. */
    static final Duration REMINDER = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final Context context;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String name;
    private final Consumer<String> onDown;
    private final Clock clock;
    private final RepeatedFailures warnings = new RepeatedFailures(REMINDER);
    private int failures;
    private long timer = -1;
    private boolean stopped;

    /**
     * @param name   how the log names this connection, e.g. "subscriber"
     * @param onDown told, on the context, why the connection is down (the health detail)
     */
    MqttLink(Vertx vertx, Context context, MqttAsyncClient client, MqttConnectionOptions options, String name,
             Consumer<String> onDown, Clock clock) {
        this.vertx = vertx;
        this.context = context;
        this.client = client;
        this.options = options;
        this.name = name;
        this.onDown = onDown;
        this.clock = clock;
    }

    /** The first attempt; call on the context. */
    void start() {
        attempt();
    }

    /** The connection was lost (Paho's {@code disconnected}, any thread): try again after the first backoff step. */
    void lost() {
        context.runOnContext(v -> {
            failures = 0;
            schedule(BACKOFF.delay(0, ThreadLocalRandom.current().nextDouble()));
        });
    }

    /** No further attempt; call on the context. */
    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void attempt() {
        timer = -1;
        if (stopped) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    context.runOnContext(v -> connected());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    context.runOnContext(v -> failed(failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            // e.g. a disconnect still in progress: the same path as a failed attempt
            failed(e);
        }
    }

    private void connected() {
        if (failures > 0) {
            LOG.info("MQTT {} connection to {} is back after {} failed attempt(s)", name, client.getServerURI(), failures);
        }
        failures = 0;
        warnings.succeeded();
    }

    private void failed(Throwable failure) {
        if (stopped) {
            return;
        }
        String cause = TlsFailures.describe(failure, "ENVMON_MQTT_TLS_CA");
        Duration delay = BACKOFF.delay(failures, ThreadLocalRandom.current().nextDouble());
        failures++;
        onDown.accept("cannot connect to " + client.getServerURI() + ": " + cause);
        int unshown = warnings.failed(cause, clock.instant());
        if (unshown >= 0) {
            LOG.warn("MQTT {} connection to {} failed (attempt {}): {}; next attempt in {} ms{}", name,
                    client.getServerURI(), failures, cause, delay.toMillis(),
                    unshown == 0 ? "" : " (" + unshown + " identical failures since the last warning)");
        } else {
            LOG.debug("MQTT {} connection to {} failed (attempt {}): {}; next attempt in {} ms", name,
                    client.getServerURI(), failures, cause, delay.toMillis());
        }
        schedule(delay);
    }

    private void schedule(Duration delay) {
        if (!stopped) {
            timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> attempt());
        }
    }
}
