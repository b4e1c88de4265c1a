package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.engine.HourlyAqiRecord;
import io.envmon.alerts.engine.ReloadRequest;
import io.envmon.alerts.engine.RuleFault;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.mqtt.ReliablePublisher;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.pipeline.StoredReadingsListener;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.envmon.model.SiteKind;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the alert engine on every stored reading and on a clock tick, and does the I/O for what it decides:
 * alert rows and hourly AQI rows to InfluxDB, alert events to {@code {root}/alerts/{kind}/{site}} (QoS 1; an
 * event for the bureau only to {@code {root}/alerts/bureau/{kind}/{site}}), to the webhooks (never a bureau-only
 * event to an enterprise's) and to live API subscribers (event bus address {@link #EVENTS_ADDRESS}, with the
 * {@link #AUDIENCE_HEADER}).
 *
 * <p>The engine is single-threaded by design, so it runs on a worker context of its own, never on the ingest event
 * loop; when a reading comes for an hour the engine has already closed, it asks for the point's stored readings,
 * which are read on a worker ({@link AlertStateRestorer#readings(MonitoredPoint, Instant)});
 * rows go back to the ingest context, which owns the sink. Alerts are derived data: their delivery never holds
 * up the acknowledgement of readings, and a restart rebuilds them from InfluxDB ({@link AlertStateRestorer}).
 * The open-alert view is kept in a concurrent map for the HTTP API's threads.
 */
public final class AlertService implements StoredReadingsListener {

    public static final String EVENTS_ADDRESS = "envmon.alerts.events";
    /**
     * Header of each event-bus message on {@link #EVENTS_ADDRESS}: {@value #BUREAU} for an event for the bureau
     * only (never to an enterprise's stream), {@value #ALL} otherwise.
     */
    public static final String AUDIENCE_HEADER = "envmon-audience";
    public static final String BUREAU = "bureau";
    public static final String ALL = "all";
    /** The {@code storedAt} of events that no reading raised (tick, reload, acknowledgement). */
    private static final long NOT_FROM_A_READING = Long.MIN_VALUE;
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final Vertx vertx;
    private final AlertEngine engine;
    private final ReadingSink sink;
    private final ReliablePublisher publisher;
    private final AlertNotifier notifier;
    private final String topicRoot;
    private final Clock clock;
    private final AlertEventCodec codec = new AlertEventCodec();
    private final Map<String, AlertEvent> open = new ConcurrentHashMap<>();
    private final Counter events;
    private final Counter faults;
    /** Readings handed to the engine and not yet evaluated: how far behind storage the alerts are. */
    private final AtomicLong queued = new AtomicLong();
    /** Set at shutdown: queued readings are skipped, the next start evaluates them from InfluxDB. */
    private volatile boolean stopping;
    private long timer = -1;
    /** Reads a point's stored readings back when the engine asks (late data for an hour it has closed). */
    private AlertStateRestorer restorer;
    private final Counter reloads;
    private final Timer latency;
    /** Where the engine runs (a worker context, serial). */
    private Context engineContext;
    /** Where the sink is used (the ingest verticle's context). */
    private Context ingestContext;

    public AlertService(Vertx vertx, AlertEngine engine, ReadingSink sink, ReliablePublisher publisher,
                        AlertNotifier notifier, String topicRoot, Clock clock, MeterRegistry meters) {
        this.vertx = vertx;
        this.engine = engine;
        this.sink = sink;
        this.publisher = publisher;
        this.notifier = notifier;
        this.topicRoot = topicRoot;
        this.clock = clock;
        this.events = Counter.builder("envmon.alerts.events").description("Alert events emitted").register(meters);
        this.faults = Counter.builder("envmon.alerts.rule.faults")
                .description("Rule evaluations that failed (the other rules still ran)").register(meters);
        this.reloads = Counter.builder("envmon.alerts.reloads")
                .description("Points re-read from InfluxDB to take in a reading for an hour already closed")
                .register(meters);
        this.latency = Timer.builder("envmon.alerts.latency")
                .description("From the storage of the reading that raised an alert event to the broker's "
                        + "acknowledgement of its publication")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(2))
                .register(meters);
        meters.gauge("envmon.alerts.open", open, Map::size);
        meters.gauge("envmon.alerts.queued.readings", queued, AtomicLong::get);
    }

    /**
     * Rebuilds the engine's state from InfluxDB (open alerts and recent readings), then starts the clock tick
     * (offline detection, closing quiet hours). Call on the ingest context, before readings flow. If InfluxDB
     * cannot be read, the engine starts empty and says so: alerts still open are then raised again when their
     * condition is seen, with the same ID when their start is the same.
     */
    public Future<Void> start(AlertStateRestorer restorer, long tickMillis) {
        ingestContext = vertx.getOrCreateContext();
        this.restorer = restorer;
        Instant now = clock.instant();
        Map<SiteKind, Duration> depth = new EnumMap<>(SiteKind.class);
        for (SiteKind kind : SiteKind.values()) {
            depth.put(kind, engine.restoreDepth(kind));
        }
        return workerContext()
                .compose(worker -> {
                    engineContext = worker;
                    return onEngine(() -> {
                        try {
                            AlertStateRestorer.Snapshot snapshot = restorer.read(now, depth);
                            EngineOutput out = engine.restore(snapshot.openAlerts(), snapshot.readings(), now);
                            engine.openAlerts().forEach(this::remember);
                            return out;
                        } catch (RuntimeException e) {
                            LOG.warn("alert state could not be read back from InfluxDB ({}); starting with none",
                                    e.getMessage());
                            return EngineOutput.EMPTY;
                        }
                    });
                })
                .map(out -> {
                    handle(out, NOT_FROM_A_READING);
                    engineContext.runOnContext(v -> timer = vertx.setPeriodic(tickMillis,
                            id -> emit(engine.onTick(clock.instant()))));
                    return (Void) null;
                });
    }

    /** A worker context of our own: tasks run one at a time, in order, off the event loops. */
    private Future<Context> workerContext() {
        Promise<Context> ready = Promise.promise();
        vertx.deployVerticle(new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        ready.complete(vertx.getOrCreateContext()); // called on the new worker context
                        return Future.succeededFuture();
                    }
                }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .onFailure(ready::tryFail);
        return ready.future();
    }

    /** Runs engine work on the engine's context; the result comes back on the caller's context. */
    private <T> Future<T> onEngine(java.util.function.Supplier<T> work) {
        Promise<T> done = Promise.promise();
        Context caller = vertx.getOrCreateContext();
        engineContext.runOnContext(v -> {
            try {
                T result = work.get();
                caller.runOnContext(x -> done.complete(result));
            } catch (RuntimeException e) {
                caller.runOnContext(x -> done.fail(e));
            }
        });
        return done.future();
    }

    /** From the engine's context: hand the output to the ingest context, which owns the sink. */
    private void emit(EngineOutput out) {
        emit(out, NOT_FROM_A_READING);
    }

    /** @param storedAt {@link System#nanoTime()} when the reading behind {@code out} was stored, for the latency */
    private void emit(EngineOutput out, long storedAt) {
        if (!out.isEmpty()) {
            out.events().forEach(this::remember);
            out.reloads().forEach(this::reload);
            ingestContext.runOnContext(v -> handle(out, storedAt));
        }
    }

    /**
     * From the engine's context: reads the point's stored readings on a worker (the engine keeps taking readings
     * meanwhile) and hands them to the engine on its context; on failure the engine asks again at a later tick.
     */
    private void reload(ReloadRequest request) {
        reloads.increment();
        vertx.executeBlocking(() -> restorer.readings(request.point(), request.from()), false)
                .onComplete(result -> engineContext.runOnContext(v -> {
                    if (result.succeeded()) {
                        emit(engine.onReload(request.point(), request.from(), result.result(), clock.instant()));
                    } else {
                        LOG.warn("alert engine: stored readings of {} not read back ({}); trying again later",
                                request.point().label(), result.cause().getMessage());
                        engine.reloadFailed(request.point());
                    }
                }));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        notifier.close();
    }

    @Override
    public void onStored(MonitoredPoint point, List<Reading> readings) {
        queued.addAndGet(readings.size());
        long storedAt = System.nanoTime();
        engineContext.runOnContext(v -> {
            try {
                if (stopping) {
                    return;
                }
                for (Reading reading : readings) {
                    try {
                        emit(engine.onReading(point, reading, clock.instant()), storedAt);
                    } catch (RuntimeException e) {
                        LOG.error("alert engine failed on a reading [point: {}, ts: {}]", point.label(), reading.ts(), e);
                    }
                }
            } finally {
                queued.addAndGet(-readings.size());
            }
        });
    }

    /**
     * The first step of a shutdown, from any thread: readings still queued for the engine are skipped, so that
     * stopping does not wait for the engine to work through a backlog (it can be tens of seconds behind storage
     * after a burst). Nothing is lost: the readings are stored, and the next start replays them from InfluxDB
     * ({@link AlertStateRestorer}) and raises what was missed.
     */
    public void stopEvaluating() {
        stopping = true;
        long left = queued.get();
        if (left > 0) {
            LOG.info("stopping: {} stored readings not yet evaluated for alerts; the next start evaluates them", left);
        }
    }

    /** Does the I/O for what the engine said; on the ingest context. */
    private void handle(EngineOutput out, long storedAt) {
        if (out.isEmpty()) {
            return;
        }
        List<StorePoint> rows = new ArrayList<>();
        for (AlertEvent e : out.events()) {
            rows.add(AlertRows.alert(e));
            remember(e);
        }
        for (HourlyAqiRecord r : out.hourlyAqi()) {
            rows.add(AlertRows.hourlyAqi(r));
        }
        out.dailyAqi().forEach(r -> rows.add(io.envmon.ingest.schema.ReportRows.dailyAqi(r)));
        out.pointHours().forEach(r -> rows.add(io.envmon.ingest.schema.ReportRows.pointHour(r)));
        for (RuleFault f : out.faults()) {
            faults.increment();
            LOG.error("alert rule {} failed on {}: {}", f.rule(), f.about(), f.error());
        }
        if (!rows.isEmpty()) {
            sink.write(rows).onFailure(e -> LOG.warn("alert rows not written: {}", e.getMessage()));
        }
        out.events().forEach(e -> announce(e, storedAt));
    }

    private void remember(AlertEvent e) {
        if (e.isResolved()) {
            open.remove(e.id());
        } else {
            open.put(e.id(), e);
        }
    }

    private void announce(AlertEvent e, long storedAt) {
        events.increment();
        LOG.info("alert {} {} [{}/{}{} {} {}]: {}", e.state().wire(), e.severity().wire(), e.kind(), e.site(),
                e.point() == null ? "" : "/" + e.point(), e.rule(), e.id(), e.message());
        String json = codec.encode(e);
        boolean bureauOnly = engine.bureauOnly(e);
        publisher.publish(topic(e, bureauOnly), json.getBytes(StandardCharsets.UTF_8))
                .onSuccess(v -> {
                    if (storedAt != NOT_FROM_A_READING) {
                        latency.record(System.nanoTime() - storedAt, TimeUnit.NANOSECONDS);
                    }
                })
                .onFailure(err -> LOG.warn("alert {} not published: {}", e.id(), err.getMessage()));
        notifier.deliver(e, bureauOnly);
        vertx.eventBus().publish(EVENTS_ADDRESS, json,
                new DeliveryOptions().addHeader(AUDIENCE_HEADER, bureauOnly ? BUREAU : ALL));
    }

    /**
     * {@code {root}/alerts/{kind}/{site}} (CONTRACT §5); an event for the bureau only goes to
     * {@code {root}/alerts/bureau/{kind}/{site}} instead, which no enterprise account may read (the broker's ACL
     * grants an enterprise exactly {@code {root}/alerts/enterprise/{its ID}}; the bureau's accounts read
     * {@code {root}/alerts/#}).
     */
    private String topic(AlertEvent e, boolean bureauOnly) {
        return topicRoot + "/alerts/" + (bureauOnly ? BUREAU + "/" : "") + e.kind() + "/" + e.site();
    }

    /**
     * True when an event is for the bureau only (issue 17: the integrity rules by default, {@code audience} in
     * the rules file): the API must not show it to an enterprise's token, in lists, by ID or on the stream. Safe
     * from any thread (the rules are immutable).
     */
    public boolean bureauOnly(AlertEvent e) {
        return engine.bureauOnly(e);
    }

    /** Open and escalated alerts, newest first. Safe from any thread. */
    public List<AlertEvent> openAlerts() {
        List<AlertEvent> list = new ArrayList<>(open.values());
        list.sort(Comparator.comparing(AlertEvent::ts).reversed());
        return list;
    }

    public Optional<AlertEvent> openAlert(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /**
     * Acknowledges an open alert, from any thread: the engine is consulted on its own context.
     *
     * @return the acknowledged event, or empty when no open alert has that ID
     */
    public Future<Optional<AlertEvent>> acknowledge(String id, String by) {
        return onEngine(() -> {
            Optional<AlertEvent> event = engine.acknowledge(id, by, clock.instant());
            event.ifPresent(e -> emit(new EngineOutput(List.of(e), List.of(), List.of(), List.of())));
            return event;
        });
    }
}
