package io.envmon.ingest.hj212;

import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.ingest.config.Hj212ServiceConfig;
import io.envmon.ingest.hj212.Hj212Admission.Admission;
import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.hj212.Hj212Admission.Refused;
import io.envmon.ingest.hj212.Hj212Metrics.FrameOutcome;
import io.envmon.ingest.hj212.Hj212Metrics.Transport;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.ingest.pipeline.ReadingRecorder;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.model.RejectReason;
import io.envmon.model.Rejection;
import io.envmon.model.registry.Registry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HJ 212 over MQTT (CONTRACT §1): one frame per message on {@code {root}/hj212/{mn}}, replies on
 * {@code {root}/hj212/{mn}/down} with QoS 1. The MN inside the frame identifies the device (hj212.md §6), but the
 * broker's ACL vouches only for the topic: an account may publish on the topics of its own MNs. So the frame's MN
 * must be the topic's, else anyone could write as any device by naming it inside the frame; a frame whose
 * MN differs is dead-lettered {@code unauthorized}. Runs on the ingest context, where it also builds the
 * store the TCP gateway uses ({@link #services()}).
 */
public final class Hj212MqttIngress {

    private static final Logger LOG = LoggerFactory.getLogger(Hj212MqttIngress.class);
    private static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);

    /** Publishes a reply with QoS 1; succeeds on the broker's PUBACK. */
    @FunctionalInterface
    public interface ReplyPublisher {
        Future<Void> publish(String topic, byte[] payload);
    }

    /**
     * What the TCP gateway needs from the ingest path: the admission rules, a store that runs on the ingest
     * context (thread-safe to call from any context), and the shared meters.
     */
    public record Services(Hj212Admission admission, Hj212Store store, Hj212Metrics metrics) {
    }

    private final String prefix;
    private final int maxPayloadBytes;
    private final Hj212FrameHandler handler;
    private final ReplyPublisher replies;
    private final IngestMetrics metrics;
    private final Hj212Metrics hj212Metrics;
    private final Clock clock;
    private final Services services;
    private Instant lastExpiry = Instant.EPOCH;

    /** @param services what {@link #services()} hands the TCP gateway ({@link #create} builds them) */
    Hj212MqttIngress(String topicRoot, int maxPayloadBytes, Hj212FrameHandler handler, ReplyPublisher replies,
                     IngestMetrics metrics, Hj212Metrics hj212Metrics, Clock clock, Services services) {
        this.prefix = topicRoot + "/hj212/";
        this.maxPayloadBytes = maxPayloadBytes;
        this.handler = handler;
        this.replies = replies;
        this.metrics = metrics;
        this.hj212Metrics = hj212Metrics;
        this.clock = clock;
        this.services = services;
    }

    /**
     * Builds the HJ 212 path on the ingest context.
     *
     * @param context  the ingest context: the recorder and the sink are used only there
     * @param recorder the service's recorder, shared with the JSON path (one dead-letter sequence, one set of
     *                 stored-readings listeners)
     * @throws io.envmon.model.registry.RegistryException when a device's {@code hj212.units} are invalid
     */
    public static Hj212MqttIngress create(Context context, String topicRoot, int maxPayloadBytes,
                                          Duration maxClockSkew, Hj212ServiceConfig config, Registry registry,
                                          ReadingRecorder recorder, ReadingSink sink, ReplyPublisher replies,
                                          IngestMetrics metrics, Clock clock) {
        Hj212Metrics hj212Metrics = new Hj212Metrics(metrics.meterRegistry());
        Hj212Admission admission = new Hj212Admission(new Hj212Codec(config.codec()),
                new Hj212Devices(registry, config.timeZone()));
        Hj212Store store = new RecordingHj212Store(recorder, sink, maxClockSkew, hj212Metrics, metrics, clock);
        Hj212FrameHandler handler = new Hj212FrameHandler(Transport.MQTT, admission, store, config.splitTimeout(),
                hj212Metrics, clock);
        Services services = new Services(admission, new ContextBoundHj212Store(store, context), hj212Metrics);
        return new Hj212MqttIngress(topicRoot, maxPayloadBytes, handler, replies, metrics, hj212Metrics, clock,
                services);
    }

    /** {@code {root}/hj212/{mn}}: exactly one level after {@code hj212}, as the subscription {@code {root}/hj212/+}. */
    public boolean accepts(String topic) {
        return topic.startsWith(prefix) && topic.length() > prefix.length() && topic.indexOf('/', prefix.length()) < 0;
    }

    public Services services() {
        return services;
    }

    /**
     * Stores or dead-letters the frame a message carries and publishes its reply. Succeeds when the frame is
     * stored or dead-lettered (the moment to acknowledge the message), whether or not the reply could be
     * published: the data is safe, and a device that misses its 9014 resends, which stores the same row again.
     */
    public Future<Void> process(IncomingMessage m) {
        metrics.messageReceived();
        Instant now = clock.instant();
        if (now.isAfter(lastExpiry.plus(EXPIRY_CHECK))) {
            lastExpiry = now;
            handler.expireSplits();
        }
        Admission decision = m.payload().length > maxPayloadBytes
                ? new Refused(FrameOutcome.TOO_LARGE, Rejection.of(RejectReason.TOO_LARGE, "payload of "
                + m.payload().length + " bytes exceeds the limit of " + maxPayloadBytes), null)
                : handler.admit(m.payload());
        String topicMn = m.topic().substring(prefix.length());
        if (decision instanceof Admitted a && !a.frame().mn().equals(topicMn)) {
            decision = Hj212Admission.unauthorized(a, "came on the topic of MN '" + topicMn
                    + "': a frame must carry the MN of the topic it is published on");
        }
        return answer(m, decision);
    }

    /** Stores or dead-letters, then publishes the reply the stored frame asks for. */
    private Future<Void> answer(IncomingMessage m, Admission decision) {
        return handler.process(m, decision).compose(reply -> {
            if (reply.isEmpty()) {
                return Future.succeededFuture();
            }
            Admitted a = (Admitted) decision;
            String cn = Hj212FrameHandler.replyCn(a.frame());
            String down = prefix + a.frame().mn() + "/down";
            return replies.publish(down, reply.get())
                    .onSuccess(v -> hj212Metrics.reply(Transport.MQTT, cn))
                    .recover(e -> {
                        hj212Metrics.replyUndelivered(Transport.MQTT);
                        LOG.warn("HJ 212 reply CN={} to {} not published ({}); the frame is stored, the device "
                                + "will resend", cn, down, e.getMessage());
                        return Future.succeededFuture();
                    });
        });
    }
}
