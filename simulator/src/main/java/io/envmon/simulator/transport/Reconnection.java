package io.envmon.simulator.transport;

import static io.envmon.simulator.transport.PahoErrors.describe;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one lost connection back: attempts after {@link ReconnectBackoff}'s delays until one succeeds, then
 * tells {@code onBack}. Paho's automatic reconnect is not used (its delay is shared by every client of the
 * process, see {@link ReconnectBackoff}).
 */
final class Reconnection {

    private static final Logger log = LoggerFactory.getLogger(Reconnection.class);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String clientId;
    private final Runnable onBack;
    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private volatile boolean stopped;

    /**
     * @param scheduler runs the attempts (may be shared by many connections), or {@code null} for one of its own
     * @param onBack    called once per successful reconnection, on a Paho thread
     */
    Reconnection(MqttAsyncClient client, MqttConnectionOptions options, String clientId, Runnable onBack,
                 ScheduledExecutorService scheduler) {
        this.client = client;
        this.options = options;
        this.clientId = clientId;
        this.onBack = onBack;
        this.ownScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reconnect-" + clientId);
            t.setDaemon(true);
            return t;
        });
    }

    /** After a lost connection (or a failed attempt): try again after the next backoff delay. */
    void schedule() {
        if (stopped) {
            return;
        }
        try {
            scheduler.schedule(this::attempt, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the run is ending
        }
    }

    /** No more attempts (the transport is closing). */
    void stop() {
        stopped = true;
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
    }

    private void attempt() {
        if (stopped || client.isConnected()) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    backoff.reset();
                    onBack.run();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    log.debug("reconnect of {} failed: {}", clientId, describe(error));
                    schedule();
                }
            });
        } catch (MqttException e) {
            log.debug("reconnect of {} not started: {}", clientId, describe(e));
            schedule();
        }
    }
}
