package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The open alerts as the engine last decided them, for the HTTP API's threads. {@link AlertVerticle} writes it on
 * the engine's context; anyone reads it from any thread. It is ready once the engine's state has been read back
 * from InfluxDB: until then the list would be empty for the wrong reason, and the API answers 503 instead.
 */
public final class AlertBoard implements OpenAlerts {

    private final Map<String, AlertEvent> open = new ConcurrentHashMap<>();
    private final Predicate<AlertEvent> bureauOnly;
    private volatile boolean ready;

    /** @param bureauOnly whether an event is for the bureau only (the rules' audience; immutable, any thread) */
    public AlertBoard(Predicate<AlertEvent> bureauOnly) {
        this.bureauOnly = bureauOnly;
    }

    /** True once the engine's state has been read back (or found unreadable and started empty). */
    public boolean isReady() {
        return ready;
    }

    void markReady() {
        ready = true;
    }

    /** Takes an event in: an open or escalated alert is shown with its latest event, a resolved one is dropped. */
    void record(AlertEvent e) {
        if (e.isResolved()) {
            open.remove(e.id());
        } else {
            open.put(e.id(), e);
        }
    }

    /** Drops the alerts another instance now evaluates (docs/scale-out.md). */
    void forget(Predicate<AlertEvent> which) {
        open.values().removeIf(which);
    }

    /** Open and escalated alerts, newest first. */
    public List<AlertEvent> newestFirst() {
        List<AlertEvent> list = new ArrayList<>(open.values());
        list.sort(Comparator.comparing(AlertEvent::ts).reversed());
        return list;
    }

    /** This instance's open alerts: all of them, when it is the only one. */
    @Override
    public Future<Answer> openAlerts() {
        return Future.succeededFuture(new Answer(newestFirst(), List.of()));
    }

    public Optional<AlertEvent> openAlert(String id) {
        return Optional.ofNullable(open.get(id));
    }

    public int size() {
        return open.size();
    }

    /**
     * True when an event is for the bureau only (the integrity rules by default, {@code audience} in the rules
     * file): the API must not show it to an enterprise's token, in lists, by ID or on the stream.
     */
    public boolean bureauOnly(AlertEvent e) {
        return bureauOnly.test(e);
    }
}
