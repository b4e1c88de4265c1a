package io.envmon.ingest.hj212;

import io.envmon.hj212.DataRegion;
import io.envmon.hj212.Hj212Frame;
import io.envmon.hj212.PollutantValues;
import io.envmon.hj212.mapping.AggregateRecord;
import io.envmon.hj212.mapping.AggregateValues;
import io.envmon.hj212.mapping.FrameMapping;
import io.envmon.hj212.mapping.FrameToReadings;
import io.envmon.hj212.mapping.MappingProblem;
import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.pipeline.DeadLetter;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.ingest.pipeline.ReadingRecorder;
import io.envmon.ingest.pipeline.ReadingValidator;
import io.envmon.ingest.pipeline.CheckedMessage;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.model.Parameter;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.Reading;
import io.envmon.model.RejectReason;
import io.envmon.model.Rejection;
import io.envmon.model.registry.MonitoredPoint;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores HJ 212 frames the way JSON readings are stored (docs/hj212.md, "Storage"): CN=2011 becomes a {@link Reading}, checked
 * by the same {@link ReadingValidator} and written by the same {@link ReadingRecorder} (same measurement, tags,
 * fields, dead letters, metrics, stored-readings listeners). Minute/hourly/daily records, {@code -ZsRtd} values and
 * codes that map to no parameter go through the same {@link ReadingSink} into the measurements of
 * {@link Hj212PointMapper}. Not thread-safe: use it on the context that owns the recorder and the sink.
 */
public final class RecordingHj212Store implements Hj212Store {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingHj212Store.class);

    private final ReadingRecorder recorder;
    private final ReadingSink sink;
    private final ReadingValidator validator;
    private final Duration maxClockSkew;
    private final Hj212Metrics hj212Metrics;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Hj212PointMapper mapper = new Hj212PointMapper();

    public RecordingHj212Store(ReadingRecorder recorder, ReadingSink sink, Duration maxClockSkew,
                               Hj212Metrics hj212Metrics, IngestMetrics metrics, Clock clock) {
        this.recorder = recorder;
        this.sink = sink;
        this.validator = new ReadingValidator(maxClockSkew);
        this.maxClockSkew = maxClockSkew;
        this.hj212Metrics = hj212Metrics;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Future<Void> reject(IncomingMessage origin, Rejection rejection) {
        return recorder.record(origin, CheckedMessage.rejectedWhole(origin, rejection)).mapEmpty();
    }

    @Override
    public Future<Void> store(IncomingMessage origin, Admitted admitted) {
        Hj212Frame frame = admitted.frame();
        MonitoredPoint point = admitted.device().point();
        FrameMapping mapping = FrameToReadings.map(frame, admitted.device().mapping());
        Map<String, String> problems = problemsByCode(mapping.problems(), frame);
        if (mapping.problems().stream().anyMatch(p -> p.kind() == MappingProblem.Kind.NO_DATA_TIME)) {
            // data without a time cannot be placed: the whole frame is the dead letter
            return rejectKnown(origin, point, Rejection.of(RejectReason.BAD_TIMESTAMP, "CN=" + frame.cn()
                    + " from MN '" + frame.mn() + "' has no readable DataTime ('" + frame.data().field(DataRegion.DATA_TIME)
                    + "')"));
        }
        if (mapping instanceof FrameMapping.Realtime realtime) {
            return storeRealtime(origin, admitted, realtime, problems);
        }
        if (mapping instanceof FrameMapping.Aggregated aggregated) {
            return storeAggregated(origin, admitted, aggregated, problems);
        }
        Instant ts = frameTime(admitted, origin);
        List<StorePoint> rows = unmappedRows(admitted, ts, mapping.unmapped(), problems);
        if (frame.data().plainFields().keySet().stream().anyMatch(k -> !DataRegion.DATA_TIME.equals(k))) {
            Map<String, String> plain = new LinkedHashMap<>(frame.data().plainFields());
            plain.remove(DataRegion.DATA_TIME);
            rows.add(mapper.plain(point, frame.mn(), frame.cn(), ts, plain));
        }
        return write(origin, point, rows);
    }

    private Future<Void> storeRealtime(IncomingMessage origin, Admitted admitted, FrameMapping.Realtime realtime,
                                       Map<String, String> problems) {
        MonitoredPoint point = admitted.device().point();
        List<Future<?>> all = new ArrayList<>();
        List<StorePoint> extra = new ArrayList<>();
        Instant ts = frameTime(admitted, origin);
        if (realtime.reading().isPresent()) {
            Reading reading = realtime.reading().get();
            metrics.readingReceived(point.kind());
            Optional<Rejection> problem = validator.check(reading, point, clock.instant());
            CheckedMessage sorted = problem
                    .map(r -> new CheckedMessage(point, false, List.of(), List.of(), List.of(DeadLetter.of(origin, null, r))))
                    .orElseGet(() -> new CheckedMessage(point, false, List.of(reading), List.of(0), List.of()));
            all.add(recorder.record(origin, sorted));
            if (problem.isEmpty() && !realtime.converted().isEmpty()) {
                extra.add(mapper.converted(point, reading.ts(), realtime.converted()));
            }
        }
        extra.addAll(unmappedRows(admitted, ts, realtime.unmapped(), problems));
        all.add(write(origin, point, extra));
        return Future.all(all).mapEmpty();
    }

    private Future<Void> storeAggregated(IncomingMessage origin, Admitted admitted, FrameMapping.Aggregated aggregated,
                                         Map<String, String> problems) {
        MonitoredPoint point = admitted.device().point();
        List<Future<?>> all = new ArrayList<>();
        List<StorePoint> rows = new ArrayList<>();
        Instant ts = frameTime(admitted, origin);
        String period = null;
        if (aggregated.record().isPresent()) {
            AggregateRecord record = aggregated.record().get();
            Optional<Rejection> problem = check(record, point, clock.instant());
            if (problem.isPresent()) {
                all.add(rejectKnown(origin, point, problem.get()));
            } else {
                rows.add(mapper.aggregate(point, record));
                period = Hj212PointMapper.period(record.kind());
            }
        }
        rows.addAll(unmappedRows(admitted, ts, aggregated.unmapped(), problems));
        String stored = period;
        all.add(write(origin, point, rows).onSuccess(v -> {
            if (stored != null) {
                hj212Metrics.aggregateStored(stored);
            }
        }));
        return Future.all(all).mapEmpty();
    }

    /**
     * The checks a reading gets, for a minute/hourly/daily record: not too far in the future, and Avg/Min/Max within
     * the parameter's physical range (Cou is an amount in another unit; converted values only need to be finite).
     * The first problem rejects the record, as it would a reading.
     */
    private Optional<Rejection> check(AggregateRecord record, MonitoredPoint point, Instant now) {
        if (record.periodStart().isAfter(now.plus(maxClockSkew))) {
            return Optional.of(Rejection.of(RejectReason.BAD_TIMESTAMP, "period start " + record.periodStart() + " is "
                    + Duration.between(now, record.periodStart()).toSeconds() + " s ahead of the service clock"));
        }
        Map<String, Parameter> known = ParameterCatalog.of(point.type());
        for (Map.Entry<String, AggregateValues> e : record.values().entrySet()) {
            Parameter p = known.get(e.getKey());
            AggregateValues v = e.getValue();
            for (Map.Entry<String, Double> stat : Map.of("Avg", nan(v.avg()), "Min", nan(v.min()), "Max", nan(v.max()))
                    .entrySet()) {
                if (!Double.isNaN(stat.getValue()) && (p == null || !p.inRange(stat.getValue()))) {
                    return Optional.of(Rejection.of(RejectReason.OUT_OF_RANGE, e.getKey() + " " + stat.getKey() + " = "
                            + stat.getValue() + (p == null ? " is not a parameter of the point"
                            : " is outside the physical range " + p.min() + ".." + p.max())));
                }
            }
            for (Double other : new Double[] {v.cou(), v.zsAvg(), v.zsMin(), v.zsMax()}) {
                if (other != null && !Double.isFinite(other)) {
                    return Optional.of(Rejection.of(RejectReason.OUT_OF_RANGE, e.getKey() + ": " + other + " is not finite"));
                }
            }
        }
        return Optional.empty();
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private Future<Void> rejectKnown(IncomingMessage origin, MonitoredPoint point, Rejection rejection) {
        return recorder.record(origin, CheckedMessage.rejectedWhole(point, DeadLetter.of(origin, null, rejection)))
                .mapEmpty();
    }

    private List<StorePoint> unmappedRows(Admitted admitted, Instant ts, List<PollutantValues> unmapped,
                                          Map<String, String> problems) {
        List<StorePoint> rows = new ArrayList<>();
        for (PollutantValues code : unmapped) {
            rows.add(mapper.unmapped(admitted.device().point(), admitted.frame().mn(), admitted.frame().cn(), ts, code,
                    problems.get(code.code())));
        }
        if (!rows.isEmpty()) {
            hj212Metrics.unmapped(rows.size());
        }
        return rows;
    }

    /** DataTime in the device's zone, else the arrival time (frames such as 2081 or 3020 may carry none). */
    private static Instant frameTime(Admitted admitted, IncomingMessage origin) {
        return admitted.frame().data().localDataTime()
                .map(t -> t.atZone(admitted.device().mapping().zone()).toInstant())
                .orElse(origin.receivedAt());
    }

    private Map<String, String> problemsByCode(List<MappingProblem> problems, Hj212Frame frame) {
        Map<String, String> byCode = new LinkedHashMap<>();
        for (MappingProblem p : problems) {
            hj212Metrics.problem(p.kind());
            LOG.debug("HJ 212 mapping [mn: {}, cn: {}, code: {}]: {} {}", frame.mn(), frame.cn(), p.code(), p.kind(),
                    p.detail());
            if (p.code() != null) {
                byCode.merge(p.code(), p.detail(), (a, b) -> a + "; " + b);
            }
        }
        return byCode;
    }

    /** Writes rows; a row InfluxDB refuses as data is dead-lettered as {@code store_rejected}, like a reading. */
    private Future<Void> write(IncomingMessage origin, MonitoredPoint point, List<StorePoint> rows) {
        if (rows.isEmpty()) {
            return Future.succeededFuture();
        }
        return sink.write(rows).compose(outcome -> {
            if (outcome.refused().isEmpty()) {
                return Future.succeededFuture();
            }
            List<DeadLetter> refused = new ArrayList<>();
            outcome.refused().forEach((i, why) -> refused.add(DeadLetter.of(origin, null, Rejection.of(
                    RejectReason.STORE_REJECTED, "InfluxDB refused the " + rows.get(i).measurement() + " row: " + why))));
            return recorder.record(origin, new CheckedMessage(point, false, List.of(), List.of(), refused)).mapEmpty();
        });
    }
}
