package io.envmon.alerts.engine;

import io.envmon.alerts.rules.SeriesLookup;
import io.envmon.alerts.window.HourFacts;
import io.envmon.alerts.window.HourRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which closed hours of which enterprise outlets hold the same values: the fingerprints of their
 * {@link HourFacts}, by parameter and hash, for {@code integrity_copied_series}. Kept in step with the points'
 * hour records (an hour evaluated, re-evaluated or dropped), so a question costs one hash look-up, and an hour
 * that closes finds the other points it matches at once: those are marked to run their hourly rules again, so the
 * point that closed its hour first learns of the copy too.
 */
final class SeriesIndex {

    private record Key(String parameter, long hash) {
    }

    private record Entry(PointState point, Instant hour) {
    }

    private final Map<Key, List<Entry>> index = new HashMap<>();

    /**
     * Replaces what {@code hour} of {@code st} held ({@code old}, may be null) by {@code now} (may be null).
     *
     * @return the other points that share a fingerprint with the new record
     */
    Set<PointState> replace(PointState st, Instant hour, HourRecord old, HourRecord now) {
        if (old != null) {
            remove(st, hour, old.facts());
        }
        if (now == null || now.facts().fingerprinted().isEmpty()) {
            return Set.of();
        }
        Set<PointState> partners = new LinkedHashSet<>();
        for (String p : now.facts().fingerprinted()) {
            List<Entry> entries = index.computeIfAbsent(new Key(p, now.facts().fingerprint(p).hash()),
                    k -> new ArrayList<>(1));
            for (Entry e : entries) {
                if (e.point() != st) {
                    partners.add(e.point());
                }
            }
            entries.add(new Entry(st, hour));
        }
        return partners;
    }

    /** Forgets an hour dropped from a point's records. */
    void remove(PointState st, Instant hour, HourFacts facts) {
        for (String p : facts.fingerprinted()) {
            Key key = new Key(p, facts.fingerprint(p).hash());
            List<Entry> entries = index.get(key);
            if (entries != null) {
                entries.removeIf(e -> e.point() == st && e.hour().equals(hour));
                if (entries.isEmpty()) {
                    index.remove(key);
                }
            }
        }
    }

    /** What {@code st}'s rules see of the others. */
    SeriesLookup lookupFor(PointState st) {
        return (parameter, hash) -> {
            List<Entry> entries = index.get(new Key(parameter, hash));
            if (entries == null) {
                return List.of();
            }
            List<SeriesLookup.Match> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                if (e.point() != st) {
                    out.add(new SeriesLookup.Match(e.point().site, e.hour()));
                }
            }
            return out;
        };
    }

    /** Fingerprints held (for tests and stats). */
    int size() {
        return index.values().stream().mapToInt(List::size).sum();
    }
}
