package io.envmon.simulator.transport;

import static io.envmon.simulator.transport.PahoErrors.describe;

import io.envmon.model.Backoff;
import io.envmon.model.Backoff.Jitter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one lost connection back: attempts until one succeeds, then tells {@code onBack}. The delays double from
 * 1 s to 30 s, each drawn between half and all of that ("equal jitter"), so that a hundred devices losing the
 * broker at once do not all knock at the same instant when it returns. Paho's automatic reconnect is not used: it
 * keeps its delay in a static field shared by every client of the process, which stalls many connections; here
 * each connection counts its own attempts.
 */
final class Reconnection {

    private static final Logger log = LoggerFactory.getLogger(Reconnection.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Jitter.EQUAL);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String clientId;
    private final Runnable onBack;
    /** Failed attempts since the connection was lost (Paho threads and the scheduler both count). */
    private final AtomicInteger failures = new AtomicInteger();
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
            long delay = BACKOFF.delay(failures.getAndIncrement(), ThreadLocalRandom.current().nextDouble()).toMillis();
            scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
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
                    failures.set(0);
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
