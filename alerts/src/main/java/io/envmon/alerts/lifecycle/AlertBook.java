package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What has been published: the last event of every open alert and of recently resolved ones. The replay's
 * episodes are compared with it, and only the difference becomes events, which makes evaluation idempotent: the
 * same data give the same episodes, hence nothing new.
 *
 * <p>Reconciling one key ({@link #reconcile}):
 * <ul>
 *   <li>an episode not in the book: all its transitions are published;</li>
 *   <li>an episode in the book: its transitions at steps after the last published one are published; if there are
 *       none but the episode now ends in another state, severity or level (late data revised it), that final state
 *       is published as a correction;</li>
 *   <li>an open alert in the book that the replay no longer produces (late or corrected readings took its basis
 *       away) is <b>withdrawn</b>: published as resolved, saying so.</li>
 * </ul>
 * Not thread-safe: one engine, one thread.
 */
public final class AlertBook {

    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<AlertKey, List<Entry>> byKey = new HashMap<>();

    /** The alert that is open at {@code rangeStart} and began before it, for the replay to start from. */
    public OpenAtReplayStart carried(AlertKey key, Instant rangeStart) {
        return entries(key).stream()
                .filter(e -> e.startedAt.isBefore(rangeStart))
                .filter(e -> !e.last.isResolved() || !e.lastStep.isBefore(rangeStart))
                .max(Comparator.comparing(e -> e.startedAt))
                // resolved inside the range: it was still open at its start
                .map(e -> new OpenAtReplayStart(e.id, e.startedAt, e.last.isResolved() ? AlertState.OPEN : e.lastTransitionState(),
                        e.last.severity(), e.rank))
                .orElse(null);
    }

    /** Publishes what the replay of {@code series} changed; see the class comment. */
    public List<AlertEvent> reconcile(ObservationSeries series, List<Episode> episodes) {
        List<AlertEvent> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant evaluatedAt = series.observations().isEmpty() ? null
                : series.observations().get(series.observations().size() - 1).at();
        for (Episode episode : episodes) {
            seen.add(episode.id());
            Entry entry = byId.get(episode.id());
            if (entry == null) {
                if (episode.transitions().isEmpty()) {
                    continue;
                }
                entry = add(new Entry(episode.key(), episode.id(), episode.startedAt()));
                for (Transition t : episode.transitions()) {
                    out.add(publish(entry, t, series, t.cause().at()));
                }
                continue;
            }
            Entry known = entry;
            List<Transition> newer = episode.transitions().stream()
                    .filter(t -> t.cause().step().isAfter(known.lastStep)).toList();
            for (Transition t : newer) {
                out.add(publish(entry, t, series, t.cause().at()));
            }
            if (newer.isEmpty() && !episode.transitions().isEmpty()) {
                Transition last = episode.transitions().get(episode.transitions().size() - 1);
                // a resolved alert has no level: a restored one reads its rank from its clearing value
                if (last.state() != entry.lastTransitionState() || last.severity() != entry.last.severity()
                        || last.state() != AlertState.RESOLVED && last.rank() != entry.rank) {
                    out.add(publish(entry, last, series, later(last.cause().at(), entry.lastAt)));
                }
            }
        }
        for (Entry entry : List.copyOf(entries(series.key()))) {
            if (!seen.contains(entry.id) && !entry.last.isResolved()) {
                out.add(withdraw(entry, evaluatedAt));
            }
        }
        return out;
    }

    /**
     * Opens an alert directly (rules that depend on the wall clock, such as offline). An episode with the same ID
     * already in the book is reopened rather than duplicated.
     */
    public AlertEvent open(AlertKey key, Instant startedAt, Severity severity, Double value, Double threshold,
                           String unit, String window, Instant ts, BilingualText text) {
        String id = key.id(startedAt);
        Entry entry = byId.containsKey(id) ? byId.get(id) : add(new Entry(key, id, startedAt));
        AlertEvent e = new AlertEvent(entry.id, key.kind(), key.site(), key.point(), key.rule(), severity,
                AlertState.OPEN, key.parameter(), value, threshold, unit, window, startedAt, ts, text.render(), null,
                null);
        entry.record(e, text, ts, 1);
        return e;
    }

    /** Resolves the open alert of {@code key} directly, if there is one. */
    public Optional<AlertEvent> resolve(AlertKey key, Instant ts, Double value, BilingualText text) {
        Optional<Entry> open = openEntry(key);
        open.ifPresent(entry -> {
            AlertEvent l = entry.last;
            AlertEvent e = new AlertEvent(l.id(), l.kind(), l.site(), l.point(), l.rule(), l.severity(),
                    AlertState.RESOLVED, l.parameter(), value, l.threshold(), l.unit(), l.window(), l.startedAt(),
                    later(ts, entry.lastAt), text.render(), l.acknowledgedBy(), l.acknowledgedAt());
            entry.record(e, text, later(ts, entry.lastStep), entry.rank);
        });
        return open.map(entry -> entry.last);
    }

    /** The last event of the open alert of {@code key}, if any. */
    public Optional<AlertEvent> openAlert(AlertKey key) {
        return openEntry(key).map(e -> e.last);
    }

    /**
     * Takes a last event over from storage at restart. A resolved one is kept too: the replay then knows that episode
     * ended and does not hand it out again (it is forgotten like any resolved alert).
     *
     * @param rank the level of the alert, as its rule reads it back from the event
     */
    public void restore(AlertEvent event, int rank) {
        Objects.requireNonNull(event, "event");
        if (byId.containsKey(event.id())) {
            return;
        }
        Entry entry = add(new Entry(event.key(), event.id(), event.startedAt()));
        entry.record(event, BilingualText.parse(event.message()), event.ts(), rank);
    }

    /**
     * Acknowledges an alert (open, or resolved and still in the book): the first acknowledgement wins and later
     * ones return the event unchanged. Escalation clears it (the alert got worse and needs a new look).
     *
     * @return the acknowledged event to publish, empty when no such alert is known
     */
    public Optional<AlertEvent> acknowledge(String id, String by, Instant now) {
        Entry entry = byId.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.last.isAcknowledged()) {
            entry.last = entry.last.acknowledged(by, now);
        }
        return Optional.of(entry.last);
    }

    public Optional<AlertEvent> find(String id) {
        Entry entry = byId.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.last);
    }

    /** The last event of every alert that is not resolved, oldest first. */
    public List<AlertEvent> openAlerts() {
        return byId.values().stream().filter(e -> !e.last.isResolved()).map(e -> e.last)
                .sorted(Comparator.comparing(AlertEvent::startedAt).thenComparing(AlertEvent::id)).toList();
    }

    /** The keys in the book for one point and rule. */
    public Set<AlertKey> keys(Predicate<AlertKey> which) {
        Set<AlertKey> out = new LinkedHashSet<>();
        for (AlertKey key : byKey.keySet()) {
            if (which.test(key)) {
                out.add(key);
            }
        }
        return out;
    }

    /** Resolves every open alert whose key matches, with {@code text} (site left the registry, rule disabled). */
    public List<AlertEvent> resolveAll(Predicate<AlertKey> which, Instant ts, BilingualText text) {
        List<AlertEvent> out = new ArrayList<>();
        for (AlertKey key : keys(which)) {
            resolve(key, ts, null, text).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Forgets resolved alerts whose last change is before their key's cutoff ({@code null}: keep), so the book stays
     * bounded. A forgotten alert can no longer be acknowledged or carried, and is not needed for either.
     */
    public void forgetResolved(Function<AlertKey, Instant> cutoff) {
        for (AlertKey key : List.copyOf(byKey.keySet())) {
            Instant before = cutoff.apply(key);
            if (before == null) {
                continue;
            }
            List<Entry> list = byKey.get(key);
            list.removeIf(e -> {
                boolean old = e.last.isResolved() && e.lastStep.isBefore(before) && e.lastAt.isBefore(before);
                if (old) {
                    byId.remove(e.id);
                }
                return old;
            });
            if (list.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public int size() {
        return byId.size();
    }

    private AlertEvent publish(Entry entry, Transition t, ObservationSeries series, Instant ts) {
        BilingualText text = t.cause().detail().text(t.state());
        String window = t.cause().detail().window() != null ? t.cause().detail().window() : series.window();
        AlertEvent before = entry.last;
        boolean keepAck = before != null && before.isAcknowledged() && t.state() != AlertState.ESCALATED;
        AlertKey key = entry.key;
        AlertEvent e = new AlertEvent(entry.id, key.kind(), key.site(), key.point(), key.rule(), t.severity(),
                t.state(), key.parameter(), t.cause().value(), t.cause().threshold(), series.unit(), window,
                entry.startedAt, ts, text.render(), keepAck ? before.acknowledgedBy() : null,
                keepAck ? before.acknowledgedAt() : null);
        entry.record(e, text, t.cause().step(), t.rank());
        return e;
    }

    private AlertEvent withdraw(Entry entry, Instant evaluatedAt) {
        AlertEvent l = entry.last;
        BilingualText was = entry.text;
        BilingualText text = new BilingualText("告警撤销：迟到或更正的数据已不支持该告警（原：" + was.zh() + "）",
                "Withdrawn: late or corrected readings no longer support this alert (was: " + was.en() + ")");
        Instant ts = evaluatedAt == null ? entry.lastAt : later(evaluatedAt, entry.lastAt);
        AlertEvent e = new AlertEvent(l.id(), l.kind(), l.site(), l.point(), l.rule(), l.severity(),
                AlertState.RESOLVED, l.parameter(), l.value(), l.threshold(), l.unit(), l.window(), l.startedAt(), ts,
                text.render(), l.acknowledgedBy(), l.acknowledgedAt());
        entry.record(e, text, entry.lastStep, entry.rank);
        return e;
    }

    private Optional<Entry> openEntry(AlertKey key) {
        Entry open = null; // a loop, not a stream: asked for every point at every tick and on every reading
        for (Entry e : entries(key)) {
            if (!e.last.isResolved() && (open == null || e.startedAt.isAfter(open.startedAt))) {
                open = e;
            }
        }
        return Optional.ofNullable(open);
    }

    private List<Entry> entries(AlertKey key) {
        return byKey.getOrDefault(key, List.of());
    }

    private Entry add(Entry entry) {
        byId.put(entry.id, entry);
        byKey.computeIfAbsent(entry.key, k -> new ArrayList<>()).add(entry);
        return entry;
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    /** One alert as published. */
    private static final class Entry {
        final AlertKey key;
        final String id;
        final Instant startedAt;
        AlertEvent last;
        BilingualText text;
        /** The step of the last published transition (event time). */
        Instant lastStep;
        /** The {@code ts} of the last published transition. */
        Instant lastAt;
        int rank;
        AlertState transitionState;

        Entry(AlertKey key, String id, Instant startedAt) {
            this.key = key;
            this.id = id;
            this.startedAt = startedAt;
        }

        void record(AlertEvent e, BilingualText text, Instant step, int rank) {
            this.last = e;
            this.text = text;
            this.lastStep = lastStep == null ? step : later(step, lastStep);
            this.lastAt = lastAt == null ? e.ts() : later(e.ts(), lastAt);
            this.rank = rank;
            this.transitionState = e.state();
        }

        AlertState lastTransitionState() {
            return transitionState;
        }
    }
}
