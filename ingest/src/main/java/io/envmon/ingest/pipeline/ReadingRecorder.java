package io.envmon.ingest.pipeline;

import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.envmon.model.Reading;
import io.envmon.model.RejectReason;
import io.envmon.model.Rejection;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common end of every payload format: stores the accepted readings, then dead-letters the rejected ones
 * and any the database refused. The future succeeds when all of it is done (the moment a message may be
 * acknowledged) and carries the readings that were stored.
 */
public final class ReadingRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingRecorder.class);

    private final ReadingSink sink;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final PointMapper mapper = new PointMapper();
    private final List<StoredReadingsListener> listeners = new CopyOnWriteArrayList<>();

    public ReadingRecorder(ReadingSink sink, DeadLetterPublisher deadLetters, IngestMetrics metrics, Clock clock) {
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void addListener(StoredReadingsListener listener) {
        listeners.add(listener);
    }

    public Future<List<Reading>> record(IncomingMessage m, CheckedMessage sorted) {
        if (sorted.accepted().isEmpty()) {
            return deadLetter(sorted.rejected()).map(v -> List.of());
        }
        List<StorePoint> points = new ArrayList<>(sorted.accepted().size());
        sorted.accepted().forEach(r -> points.add(mapper.reading(sorted.point(), r)));
        return sink.write(points).compose(outcome -> {
            metrics.lag(Duration.between(m.receivedAt(), clock.instant()));
            List<Reading> stored = new ArrayList<>();
            List<DeadLetter> all = new ArrayList<>(sorted.rejected());
            for (int i = 0; i < sorted.accepted().size(); i++) {
                String why = outcome.refused().get(i);
                if (why == null) {
                    stored.add(sorted.accepted().get(i));
                    metrics.readingStored(sorted.point().kind(), sorted.accepted().get(i).ts().toEpochMilli());
                } else {
                    all.add(DeadLetter.of(m, sorted.batch() ? sorted.acceptedIndexes().get(i) : null,
                            Rejection.of(RejectReason.STORE_REJECTED, "InfluxDB refused the point: " + why)));
                }
            }
            notifyListeners(sorted, stored);
            return deadLetter(all).map(v -> stored);
        });
    }

    private void notifyListeners(CheckedMessage sorted, List<Reading> stored) {
        if (stored.isEmpty()) {
            return;
        }
        for (StoredReadingsListener listener : listeners) {
            try {
                listener.onStored(sorted.point(), stored);
            } catch (RuntimeException e) {
                LOG.error("a stored-readings listener failed [point: {}]", sorted.point().label(), e);
            }
        }
    }

    private Future<Void> deadLetter(List<DeadLetter> all) {
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
}
