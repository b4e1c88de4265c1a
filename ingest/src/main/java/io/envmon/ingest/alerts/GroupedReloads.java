package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.ReloadRequest;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The engine's reload requests, gathered for a moment and read with one query per point kind and hour of their
 * start, at most {@link #MAX_POINTS} points a query. After a backfill or a redelivered batch, thousands of points ask
 * within seconds; one query each kept InfluxDB busy with thousands of small queries (docs/alerts.md, "Late data").
 * Each request is still answered on its own, with its point's readings from its own start on.
 *
 * <p>Used on the alert verticle's context; the queries run on a worker thread.
 */
final class GroupedReloads {

    static final int MAX_POINTS = 100;
    /** Long enough to gather a burst, short against the engine's wait for an hour's readings (minutes). */
    static final long GATHER_MILLIS = 50;

    private record Group(SiteKind kind, Instant hour) {
    }

    private final Vertx vertx;
    private final AlertStateRestorer restorer;
    private final BiConsumer<ReloadRequest, List<Reading>> answer;
    private final BiConsumer<ReloadRequest, Throwable> failure;
    private final Map<Group, List<ReloadRequest>> pending = new LinkedHashMap<>();
    private long timer = -1;
    private boolean closed;

    /** @param answer and {@code failure}: what becomes of each request, called on the verticle's context */
    GroupedReloads(Vertx vertx, AlertStateRestorer restorer, BiConsumer<ReloadRequest, List<Reading>> answer,
                   BiConsumer<ReloadRequest, Throwable> failure) {
        this.vertx = vertx;
        this.restorer = restorer;
        this.answer = answer;
        this.failure = failure;
    }

    void request(ReloadRequest request) {
        if (closed) {
            return;
        }
        Group group = new Group(request.point().kind(), request.from().truncatedTo(ChronoUnit.HOURS));
        pending.computeIfAbsent(group, g -> new ArrayList<>()).add(request);
        if (timer < 0) {
            timer = vertx.setTimer(GATHER_MILLIS, id -> {
                timer = -1;
                readPending();
            });
        }
    }

    /** Stops gathering; requests not yet read are dropped (the engine's state goes with the service). */
    void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        pending.clear();
    }

    private void readPending() {
        List<List<ReloadRequest>> queries = new ArrayList<>();
        for (List<ReloadRequest> requests : pending.values()) {
            for (int i = 0; i < requests.size(); i += MAX_POINTS) {
                queries.add(List.copyOf(requests.subList(i, Math.min(requests.size(), i + MAX_POINTS))));
            }
        }
        pending.clear();
        queries.forEach(this::read);
    }

    private void read(List<ReloadRequest> requests) {
        List<MonitoredPoint> points = requests.stream().map(ReloadRequest::point).distinct().toList();
        Instant since = requests.stream().map(ReloadRequest::from).min(Instant::compareTo).orElseThrow();
        vertx.executeBlocking(() -> restorer.readings(points, since), false).onComplete(result -> {
            for (ReloadRequest request : requests) {
                if (closed) {
                    return;
                }
                if (result.succeeded()) {
                    answer.accept(request, from(result.result().getOrDefault(request.point(), List.of()),
                            request.from()));
                } else {
                    failure.accept(request, result.cause());
                }
            }
        });
    }

    /** The group was read from its earliest start: each request gets its point's readings from its own start on. */
    private static List<Reading> from(List<Reading> readings, Instant start) {
        if (readings.isEmpty() || !readings.get(0).ts().isBefore(start)) {
            return readings;
        }
        return readings.stream().filter(r -> !r.ts().isBefore(start)).toList();
    }
}
