package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.engine.HourlyAqiRecord;
import io.envmon.alerts.engine.RuleFault;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.schema.AlertRows;
import io.envmon.ingest.schema.ReportRows;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the alert engine's output goes, on the ingest context (which owns the sink and the MQTT connection): alert
 * rows and hourly AQI rows to InfluxDB ({@link AlertRows}), each event to {@code {root}/alerts/{kind}/{site}} (QoS 1;
 * an event for the bureau only to {@code {root}/alerts/bureau/{kind}/{site}}), to the webhooks (never a bureau-only
 * event to an enterprise's) and to live API subscribers (event bus address {@link #EVENTS_ADDRESS}, with the
 * {@link #AUDIENCE_HEADER}). Alerts are derived data: their delivery never holds up the acknowledgement of readings.
 */
public final class AlertOutlet {

    public static final String EVENTS_ADDRESS = "envmon.alerts.events";
    /**
     * Header of each event-bus message on {@link #EVENTS_ADDRESS}: {@value #BUREAU} for an event for the bureau
     * only (never to an enterprise's stream), {@value #ALL} otherwise.
     */
    public static final String AUDIENCE_HEADER = "envmon-audience";
    public static final String BUREAU = "bureau";
    public static final String ALL = "all";
    /** The {@code storedAt} of output that no reading raised (tick, reload, acknowledgement, restore). */
    public static final long NOT_FROM_A_READING = Long.MIN_VALUE;
    private static final Logger LOG = LoggerFactory.getLogger(AlertOutlet.class);

    /** Publishes with QoS 1; succeeds on the broker's PUBACK (the service's {@code ReliablePublisher}). */
    @FunctionalInterface
    public interface Publisher {
        Future<Void> publish(String topic, byte[] payload);
    }

    private final Context ingest;
    private final ReadingSink sink;
    private final Publisher publisher;
    private final AlertNotifier notifier;
    private final EventBus eventBus;
    private final String topicRoot;
    private final Predicate<AlertEvent> bureauOnly;
    private final AlertEventCodec codec = new AlertEventCodec();
    private final Counter events;
    private final Counter faults;
    private final Timer latency;

    /**
     * @param ingest     the context that owns {@code sink} and the MQTT connection behind {@code publisher}
     * @param bureauOnly whether an event is for the bureau only (the rules' audience)
     */
    public AlertOutlet(Context ingest, ReadingSink sink, Publisher publisher, AlertNotifier notifier,
                       EventBus eventBus, String topicRoot, Predicate<AlertEvent> bureauOnly, MeterRegistry meters) {
        this.ingest = ingest;
        this.sink = sink;
        this.publisher = publisher;
        this.notifier = notifier;
        this.eventBus = eventBus;
        this.topicRoot = topicRoot;
        this.bureauOnly = bureauOnly;
        this.events = Counter.builder("envmon.alerts.events").description("Alert events emitted").register(meters);
        this.faults = Counter.builder("envmon.alerts.rule.faults")
                .description("Rule evaluations that failed (the other rules still ran)").register(meters);
        this.latency = Timer.builder("envmon.alerts.latency")
                .description("From the storage of the reading that raised an alert event to the broker's "
                        + "acknowledgement of its publication")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(2))
                .register(meters);
    }

    /**
     * Takes what one engine call produced, from any thread (the engine's context), and does its I/O on the ingest
     * context, in the order given.
     *
     * @param storedAt {@link System#nanoTime()} when the reading behind {@code out} was stored (for the latency),
     *                 or {@link #NOT_FROM_A_READING}
     * @return done when the broker has acknowledged every event's publication (failed when one was not published)
     */
    public Future<Void> accept(EngineOutput out, long storedAt) {
        if (out.events().isEmpty() && out.hourlyAqi().isEmpty() && out.faults().isEmpty()
                && out.dailyAqi().isEmpty() && out.pointHours().isEmpty()) {
            return Future.succeededFuture();
        }
        Promise<Void> published = Promise.promise();
        ingest.runOnContext(v -> handle(out, storedAt).onComplete(published));
        return published.future();
    }

    /** Stops webhook delivery; pending retries are abandoned and logged. */
    public void close() {
        notifier.close();
    }

    private Future<Void> handle(EngineOutput out, long storedAt) {
        List<StorePoint> rows = new ArrayList<>();
        for (HourlyAqiRecord r : out.hourlyAqi()) {
            rows.add(AlertRows.hourlyAqi(r));
        }
        out.dailyAqi().forEach(r -> rows.add(ReportRows.dailyAqi(r)));
        out.pointHours().forEach(r -> rows.add(ReportRows.pointHour(r)));
        for (RuleFault f : out.faults()) {
            faults.increment();
            LOG.error("alert rule {} failed on {}: {}", f.rule(), f.about(), f.error());
        }
        if (!rows.isEmpty()) {
            sink.write(rows).onFailure(e -> LOG.warn("alert rows not written: {}", e.getMessage()));
        }
        List<Future<Void>> published = new ArrayList<>(out.events().size());
        for (AlertEvent e : out.events()) {
            Future<Void> announced = announce(e, storedAt);
            // the row, from which a restart learns the alert was handed out, only once it was: a crash in between
            // leaves no row, and the restart hands the event out again (at least once, docs/alerts.md#restart)
            announced.onComplete(ar -> sink.write(List.of(AlertRows.alert(e)))
                    .onFailure(err -> LOG.warn("alert row {} not written: {}", e.id(), err.getMessage())));
            published.add(announced);
        }
        return Future.all(published).mapEmpty();
    }

    private Future<Void> announce(AlertEvent e, long storedAt) {
        events.increment();
        LOG.info("alert {} {} [{}/{}{} {} {}]: {}", e.state().wire(), e.severity().wire(), e.kind(), e.site(),
                e.point() == null ? "" : "/" + e.point(), e.rule(), e.id(), e.message());
        String json = codec.encode(e);
        boolean forBureau = bureauOnly.test(e);
        Future<Void> published = publisher.publish(topic(e, forBureau), json.getBytes(StandardCharsets.UTF_8))
                .onSuccess(v -> {
                    if (storedAt != NOT_FROM_A_READING) {
                        latency.record(System.nanoTime() - storedAt, TimeUnit.NANOSECONDS);
                    }
                })
                .onFailure(err -> LOG.warn("alert {} not published: {}", e.id(), err.getMessage()));
        notifier.deliver(e, forBureau);
        eventBus.publish(EVENTS_ADDRESS, json,
                new DeliveryOptions().addHeader(AUDIENCE_HEADER, forBureau ? BUREAU : ALL));
        return published;
    }

    /**
     * {@code {root}/alerts/{kind}/{site}} (CONTRACT §5); an event for the bureau only goes to
     * {@code {root}/alerts/bureau/{kind}/{site}} instead, which no enterprise account may read (the broker's ACL
     * grants an enterprise exactly {@code {root}/alerts/enterprise/{its ID}}; the bureau's accounts read
     * {@code {root}/alerts/#}).
     */
    private String topic(AlertEvent e, boolean forBureau) {
        return topicRoot + "/alerts/" + (forBureau ? BUREAU + "/" : "") + e.kind() + "/" + e.site();
    }
}
