package io.envmon.simulator.hj212;

import io.envmon.hj212.DecodeResult;
import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.Hj212Frame;
import io.envmon.hj212.ReplyEncoder;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.model.Decoded;
import io.envmon.model.ReadingCodec;
import io.envmon.model.RejectedException;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.transport.Transport;
import io.envmon.simulator.transport.TransportException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the simulator's devices speak HJ 212 (docs/hj212.md, "Simulated HJ 212 devices"): each reading the simulation produces becomes a
 * CN=2011 frame with the point's registry {@code mn}, Flag=5 (answer wanted), sent over an {@link Hj212Uplink}
 * (TCP gateway or MQTT). A frame counts as acknowledged when its 9014 (same MN and QN) comes back, which the
 * service sends only after storing it; a frame with no 9014 within the reply timeout is resent, as loggers do
 * (HJ 212 table 1: 10 s, 3 retries), and counts as failed after the last retry. The JSON payload the simulation
 * built is decoded back into readings, so the simulation itself is the same for every protocol.
 */
public final class Hj212Transport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(Hj212Transport.class);
    /** The PW a simulated device sends when its registry entry sets no {@code hj212.password}. */
    public static final String DEFAULT_PASSWORD = "123456";

    private final Hj212Uplink uplink;
    private final Hj212Devices devices;
    private final int maxInflight;
    private final Duration replyTimeout;
    private final int retries;
    private final Clock clock;
    private final Semaphore window;
    private final ReadingCodec json = new ReadingCodec();
    private final Hj212Codec replies = new Hj212Codec(Hj212Config.lenient());
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hj212-resend");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong lastQnMillis = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();

    /** Totals of a run: frames sent (first attempts), 9014s received, resends, frames given up. */
    public record Totals(long frames, long replies, long resent, long unanswered) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "hj212: %d frames sent, %d 9014 replies received, %d resent, "
                    + "%d without reply", frames, replies, resent, unanswered);
        }
    }

    private final class Pending {
        final String mn;
        final String qn;
        final byte[] frame;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int attempts;
        ScheduledFuture<?> timer;

        Pending(String mn, String qn, byte[] frame) {
            this.mn = mn;
            this.qn = qn;
            this.frame = frame;
        }
    }

    public Hj212Transport(Hj212Uplink uplink, Hj212Devices devices, int maxInflight, Duration replyTimeout,
                          int retries, Clock clock) {
        this.uplink = uplink;
        this.devices = devices;
        this.maxInflight = maxInflight;
        this.replyTimeout = replyTimeout;
        this.retries = retries;
        this.clock = clock;
        this.window = new Semaphore(maxInflight);
    }

    @Override
    public void connect() throws TransportException {
        uplink.open(this::onReply);
    }

    @Override
    public CompletableFuture<Void> publish(MonitoredPoint point, String topic, byte[] payload)
            throws InterruptedException {
        Hj212Devices.Device device = devices.of(point).orElseThrow(() ->
                new IllegalArgumentException(point.label() + " has no mn: it cannot speak HJ 212"));
        List<CompletableFuture<Void>> frames = new ArrayList<>();
        try {
            for (Decoded d : json.decode(payload).readings()) {
                if (d instanceof Decoded.Ok ok) {
                    window.acquire();
                    String qn = nextQn(device);
                    Pending p = new Pending(device.mn(), qn, ReadingFrames.realtime(point.type(), device.mn(),
                            password(device), qn, ok.reading(), device.zone(), device.units()));
                    pending.put(key(device.mn(), qn), p);
                    sent.incrementAndGet();
                    attempt(p);
                    frames.add(p.done);
                }
            }
        } catch (RejectedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.allOf(frames.toArray(CompletableFuture[]::new));
    }

    /** The device's registry PW, else {@link #DEFAULT_PASSWORD}. */
    private static String password(Hj212Devices.Device device) {
        return device.password() == null ? DEFAULT_PASSWORD : device.password();
    }

    /** A QN per frame, unique for the run: the send time in milliseconds, moved on by 1 ms if already used. */
    private String nextQn(Hj212Devices.Device device) {
        long now = clock.millis();
        long millis = lastQnMillis.accumulateAndGet(now, (last, n) -> Math.max(last + 1, n));
        return ReadingFrames.qn(Instant.ofEpochMilli(millis), device.zone());
    }

    private void attempt(Pending p) {
        p.attempts++;
        try {
            uplink.send(p.mn, p.frame);
        } catch (IOException e) {
            log.debug("device {}: frame {} not sent ({}); retried after the reply timeout", p.mn, p.qn, e.getMessage());
        }
        p.timer = timers.schedule(() -> onTimeout(p), replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onTimeout(Pending p) {
        if (p.done.isDone()) {
            return;
        }
        if (p.attempts <= retries) {
            resent.incrementAndGet();
            log.debug("device {}: no 9014 for QN {} within {} s, resending (attempt {})", p.mn, p.qn,
                    replyTimeout.toSeconds(), p.attempts + 1);
            attempt(p);
            return;
        }
        if (pending.remove(key(p.mn, p.qn), p)) {
            unanswered.incrementAndGet();
            window.release();
            log.warn("device {}: no 9014 for QN {} after {} attempts; giving up", p.mn, p.qn, p.attempts);
            p.done.completeExceptionally(new TimeoutException("no 9014 for QN " + p.qn));
        }
    }

    private void onReply(byte[] bytes) {
        DecodeResult result = replies.decode(bytes);
        if (!(result instanceof DecodeResult.Decoded decoded)) {
            log.warn("unreadable reply from the service: {}", result);
            return;
        }
        Hj212Frame reply = decoded.frame();
        if (!ReplyEncoder.CN_DATA_REPLY.equals(reply.cn()) || reply.qn() == null) {
            log.debug("reply CN={} from the service ignored", reply.cn());
            return;
        }
        Pending p = pending.remove(key(reply.mn(), reply.qn()));
        if (p == null) {
            return; // the 9014 of a frame already answered (it was resent) or of another simulator
        }
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        answered.incrementAndGet();
        window.release();
        p.done.complete(null);
    }

    private static String key(String mn, String qn) {
        return mn + "/" + qn;
    }

    /** "HJ 212 CN=2011 frames over tcp://host:port (Flag=5, 9014 awaited 10 s, 3 resends)". */
    public String describe() {
        return "HJ 212 CN=2011 frames over " + uplink.describe() + " (Flag=5, 9014 awaited " + replyTimeout.toSeconds()
                + " s, up to " + retries + " resends)";
    }

    public Totals totals() {
        return new Totals(sent.get(), answered.get(), resent.get(), unanswered.get());
    }

    @Override
    public int close(Duration drainTimeout) {
        int outstanding = 0;
        try {
            if (window.tryAcquire(maxInflight, drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                window.release(maxInflight);
            } else {
                outstanding = pending.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outstanding = pending.size();
        }
        timers.shutdownNow();
        uplink.close();
        log.debug("{} via {}", totals(), uplink.describe());
        return outstanding;
    }
}
