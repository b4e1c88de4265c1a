package io.envmon.ingest.pipeline;

import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
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
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow of one device message: check size and topic, resolve the site, decode, validate each reading,
 * store the accepted ones, dead-letter the rest. The returned future succeeds when everything the message
 * carried is stored or dead-lettered, which is when the caller may acknowledge it to the broker.
 */
public final class MessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);

    private final String topicRoot;
    private final Registry registry;
    private final int maxPayloadBytes;
    private final ReadingValidator validator;
    private final ReadingSink sink;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final ReadingCodec codec = new ReadingCodec();
    private final PointMapper mapper = new PointMapper();

    public MessageProcessor(String topicRoot, Registry registry, int maxPayloadBytes, ReadingValidator validator,
                            ReadingSink sink, DeadLetterPublisher deadLetters, IngestMetrics metrics, Clock clock) {
        this.topicRoot = topicRoot;
        this.registry = registry;
        this.maxPayloadBytes = maxPayloadBytes;
        this.validator = validator;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What a message turned into: readings to store, with their points, and dead letters. */
    private record Sorted(MonitoredPoint point, boolean batch, List<Reading> accepted, List<Integer> acceptedIndexes,
                          List<DeadLetter> rejected) {

        static Sorted rejectedWhole(MonitoredPoint point, DeadLetter d) {
            return new Sorted(point, false, List.of(), List.of(), List.of(d));
        }
    }

    public Future<Void> process(IncomingMessage message) {
        metrics.messageReceived();
        Sorted sorted = sort(message);
        return store(message, sorted)
                .compose(refused -> deadLetter(sorted.rejected(), refused));
    }

    private Sorted sort(IncomingMessage m) {
        if (m.payload().length > maxPayloadBytes) {
            return Sorted.rejectedWhole(null, deadLetter(m, null, Rejection.of(RejectReason.TOO_LARGE,
                    "payload of " + m.payload().length + " bytes exceeds the limit of " + maxPayloadBytes)));
        }
        Topic topic;
        try {
            topic = Topic.parse(topicRoot, m.topic());
        } catch (IllegalArgumentException e) {
            return Sorted.rejectedWhole(null, deadLetter(m, null, Rejection.of(RejectReason.BAD_TOPIC, e.getMessage())));
        }
        Optional<MonitoredPoint> point = registry.resolve(topic);
        if (point.isEmpty()) {
            return Sorted.rejectedWhole(null, deadLetter(m, null, Rejection.of(RejectReason.UNKNOWN_SITE,
                    topic.outlet() == null
                            ? topic.kind().topicSegment() + " site '" + topic.site() + "' is not in the registry"
                            : "outlet '" + topic.outlet() + "' of enterprise '" + topic.site() + "' is not in the registry")));
        }
        DecodedPayload decoded;
        try {
            decoded = codec.decode(m.payload());
        } catch (RejectedException e) {
            return Sorted.rejectedWhole(point.get(), deadLetter(m, null, e.rejection()));
        }
        boolean batch = decoded.batch();
        List<DeadLetter> rejected = new ArrayList<>();
        List<Reading> accepted = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (Decoded d : decoded.readings()) {
            metrics.readingReceived(point.get().kind());
            Integer index = batch ? d.index() : null;
            if (d instanceof Decoded.Bad bad) {
                rejected.add(deadLetter(m, index, bad.rejection()));
                continue;
            }
            Reading reading = ((Decoded.Ok) d).reading();
            Optional<Rejection> problem = validator.check(reading, point.get(), clock.instant());
            if (problem.isPresent()) {
                rejected.add(deadLetter(m, index, problem.get()));
            } else {
                accepted.add(reading);
                indexes.add(d.index());
            }
        }
        return new Sorted(point.get(), batch, accepted, indexes, rejected);
    }

    private Future<List<DeadLetter>> store(IncomingMessage m, Sorted sorted) {
        if (sorted.accepted().isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<StorePoint> points = new ArrayList<>(sorted.accepted().size());
        sorted.accepted().forEach(r -> points.add(mapper.reading(sorted.point(), r)));
        return sink.write(points).map(outcome -> {
            metrics.lag(Duration.between(m.receivedAt(), clock.instant()));
            return afterStore(m, sorted, outcome);
        });
    }

    private List<DeadLetter> afterStore(IncomingMessage m, Sorted sorted, WriteOutcome outcome) {
        List<DeadLetter> refused = new ArrayList<>();
        for (int i = 0; i < sorted.accepted().size(); i++) {
            String why = outcome.refused().get(i);
            if (why == null) {
                metrics.readingStored(sorted.point().kind(), sorted.accepted().get(i).ts().toEpochMilli());
            } else {
                refused.add(deadLetter(m, sorted.batch() ? sorted.acceptedIndexes().get(i) : null,
                        Rejection.of(RejectReason.STORE_REJECTED, "InfluxDB refused the point: " + why)));
            }
        }
        return refused;
    }

    private Future<Void> deadLetter(List<DeadLetter> rejected, List<DeadLetter> refused) {
        List<DeadLetter> all = new ArrayList<>(rejected);
        all.addAll(refused);
        if (all.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> sent = new ArrayList<>();
        List<StorePoint> rows = new ArrayList<>();
        for (DeadLetter d : all) {
            LOG.debug("rejected [reason: {}, topic: {}, index: {}]: {}", d.reason().code(), d.topic(), d.index(), d.detail());
            sent.add(deadLetters.publish(d));
            rows.add(mapper.rejected(d));
        }
        sent.add(sink.write(rows));
        return Future.all(sent).onSuccess(v -> all.forEach(d -> metrics.rejected(d.reason()))).mapEmpty();
    }

    private DeadLetter deadLetter(IncomingMessage m, Integer index, Rejection r) {
        return new DeadLetter(r.reason(), r.detail(), m.topic(), index, DeadLetterCodec.excerpt(m.payload()),
                m.receivedAt());
    }

}
