package io.envmon.ingest.pipeline;

import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.model.Decoded;
import io.envmon.model.DecodedPayload;
import io.envmon.model.Reading;
import io.envmon.model.ReadingCodec;
import io.envmon.model.RejectReason;
import io.envmon.model.RejectedException;
import io.envmon.model.Rejection;
import io.envmon.model.Topic;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a JSON device message (CONTRACT §1–§3): size, topic, registry, decoding, validation of each reading.
 * Pure decision: nothing is stored or sent here.
 */
public final class JsonMessageDecoder {

    private final String topicRoot;
    private final Registry registry;
    private final int maxPayloadBytes;
    private final ReadingValidator validator;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final ReadingCodec codec = new ReadingCodec();

    public JsonMessageDecoder(String topicRoot, Registry registry, int maxPayloadBytes, ReadingValidator validator,
                              IngestMetrics metrics, Clock clock) {
        this.topicRoot = topicRoot;
        this.registry = registry;
        this.maxPayloadBytes = maxPayloadBytes;
        this.validator = validator;
        this.metrics = metrics;
        this.clock = clock;
    }

    public CheckedMessage decode(IncomingMessage m) {
        if (m.payload().length > maxPayloadBytes) {
            return CheckedMessage.rejectedWhole(null, DeadLetter.of(m, null, Rejection.of(RejectReason.TOO_LARGE,
                    "payload of " + m.payload().length + " bytes exceeds the limit of " + maxPayloadBytes)));
        }
        Topic topic;
        try {
            topic = Topic.parse(topicRoot, m.topic());
        } catch (IllegalArgumentException e) {
            return CheckedMessage.rejectedWhole(null, DeadLetter.of(m, null, Rejection.of(RejectReason.BAD_TOPIC, e.getMessage())));
        }
        Optional<MonitoredPoint> point = registry.resolve(topic);
        if (point.isEmpty()) {
            return CheckedMessage.rejectedWhole(null, DeadLetter.of(m, null, Rejection.of(RejectReason.UNKNOWN_SITE,
                    topic.outlet() == null
                            ? topic.kind().topicSegment() + " site '" + topic.site() + "' is not in the registry"
                            : "outlet '" + topic.outlet() + "' of enterprise '" + topic.site() + "' is not in the registry")));
        }
        DecodedPayload decoded;
        try {
            decoded = codec.decode(m.payload());
        } catch (RejectedException e) {
            return CheckedMessage.rejectedWhole(point.get(), DeadLetter.of(m, null, e.rejection()));
        }
        boolean batch = decoded.batch();
        List<DeadLetter> rejected = new ArrayList<>();
        List<Reading> accepted = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (Decoded d : decoded.readings()) {
            metrics.readingReceived(point.get().kind());
            Integer index = batch ? d.index() : null;
            if (d instanceof Decoded.Bad bad) {
                rejected.add(DeadLetter.of(m, index, bad.rejection()));
                continue;
            }
            Reading reading = ((Decoded.Ok) d).reading();
            Optional<Rejection> problem = validator.check(reading, point.get(), clock.instant());
            if (problem.isPresent()) {
                rejected.add(DeadLetter.of(m, index, problem.get()));
            } else {
                accepted.add(reading);
                indexes.add(d.index());
            }
        }
        return new CheckedMessage(point.get(), batch, accepted, indexes, rejected);
    }
}
