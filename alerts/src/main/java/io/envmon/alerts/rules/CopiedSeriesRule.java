package io.envmon.alerts.rules;

import io.envmon.alerts.config.CopiedSeriesConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.window.HourFacts;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.SiteKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code integrity_copied_series} (docs/alerts.md#integrity-rules): an enterprise outlet whose values, reading by
 * reading and to the last digit, are those of another outlet (of the same or another enterprise) in at least
 * {@code minParameters} parameters of an hour, for {@code hours} consecutive hours with the same other outlet and
 * the same shift (0 h: the same hours; n h: its values of n hours earlier or later). Both outlets get the alert: the
 * data cannot tell which one was copied.
 *
 * <p>Each closed hour keeps a fingerprint of each parameter's values ({@code HourFacts}); the engine indexes them
 * across points ({@link SeriesLookup}), so a question costs one hash look-up. False-positive guards: a series is
 * compared only with {@code minSamples} values and {@code minDistinct} different ones (constant series, zeros, a
 * stopped analyser and hourly wet-chemistry values are never compared), and one parameter alone (two cold flues at
 * the ambient temperature) is not a copy. An hour with comparable series and no copy clears; one without any
 * comparable series holds.
 */
public final class CopiedSeriesRule implements PointRule {

    public static final String ID = CopiedSeriesConfig.RULE;
    private static final Duration HOUR = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(PointView view) {
        return view.site().point().kind() == SiteKind.ENTERPRISE && view.rules().integrity().copiedSeries().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return List.of(view.key(ID, null));
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        CopiedSeriesConfig cfg = view.rules().integrity().copiedSeries();
        List<Observation> out = new ArrayList<>();
        if (view.closedUpTo() != null && view.closedUpTo().isAfter(view.observeFrom())) {
            Instant from = view.observeFrom().minus(Duration.ofHours(cfg.lookbackHours()));
            Map<Partner, Instant> runs = new HashMap<>(); // partner → first hour of its current run
            Instant previous = null;
            for (HourRecord r : view.hours().subMap(from, true, view.closedUpTo(), false).values()) {
                Instant h = r.hourStart();
                Map<Partner, List<String>> partners = partners(view, r.facts(), h, cfg);
                boolean comparable = partners != null;
                boolean consecutive = previous != null && previous.plus(HOUR).equals(h);
                Map<Partner, Instant> next = new HashMap<>();
                if (comparable) {
                    partners.keySet().forEach(p -> next.put(p, consecutive && runs.containsKey(p) ? runs.get(p) : h));
                }
                runs.clear();
                runs.putAll(next);
                previous = h;
                if (h.isBefore(view.observeFrom())) {
                    continue;
                }
                Instant end = h.plus(HOUR);
                Copy best = best(runs, partners, h);
                if (!comparable || best == null && end.equals(view.closedUpTo())) {
                    // the newest hour without a match holds: the other outlet may not have closed that hour yet
                    // (it does within minutes, and marks this point to run again); judged clear an hour later
                    out.add(Observation.hold(h, end, null, null, new Copied(view.site(), null, h)));
                } else if (best == null) {
                    out.add(Observation.clear(h, end, 0.0, (double) cfg.hours(), new Copied(view.site(), null, h)));
                } else if (best.hours() >= cfg.hours()) {
                    out.add(Observation.raise(h, end, best.since(), 1, cfg.severity(), (double) best.hours(),
                            (double) cfg.hours(), new Copied(view.site(), best, h)));
                } else {
                    out.add(Observation.hold(h, end, (double) best.hours(), (double) cfg.hours(),
                            new Copied(view.site(), best, h)));
                }
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(1, cfg.clearAfterHours()), "h", "1h");
    }

    /**
     * The other outlets whose hours match this hour's comparable series in at least {@code minParameters}
     * parameters, with those parameters; {@code null} when the hour has fewer comparable series than that.
     */
    private static Map<Partner, List<String>> partners(PointView view, HourFacts facts, Instant hour,
                                                       CopiedSeriesConfig cfg) {
        List<String> comparable = new ArrayList<>();
        for (String p : facts.fingerprinted()) {
            HourFacts.Fingerprint f = facts.fingerprint(p);
            if (f.samples() >= cfg.minSamples() && f.distinct() >= cfg.minDistinct()) {
                comparable.add(p);
            }
        }
        if (comparable.size() < cfg.minParameters()) {
            return null;
        }
        Map<Partner, List<String>> matched = new TreeMap<>();
        for (String p : comparable) {
            for (SeriesLookup.Match m : view.others().same(p, facts.fingerprint(p).hash())) {
                Partner partner = new Partner(m.site(), Duration.between(hour, m.hour()).toHours());
                matched.computeIfAbsent(partner, k -> new ArrayList<>()).add(p);
            }
        }
        matched.values().removeIf(ps -> ps.size() < cfg.minParameters());
        return matched;
    }

    /** The partner with the longest current run ending at {@code h}. */
    private static Copy best(Map<Partner, Instant> runs, Map<Partner, List<String>> partners, Instant h) {
        Copy best = null;
        if (partners == null) {
            return null;
        }
        for (Map.Entry<Partner, Instant> e : runs.entrySet()) {
            long n = Duration.between(e.getValue(), h).toHours() + 1;
            if (best == null || n > best.hours()) {
                best = new Copy(e.getKey(), e.getValue(), (int) n, new TreeSet<>(partners.get(e.getKey())));
            }
        }
        return best;
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        return 1;
    }

    /** Another outlet, and how many hours its matching hour lies after ours (the same over a whole run). */
    private record Partner(SiteInfo site, long shiftHours) implements Comparable<Partner> {

        @Override
        public int compareTo(Partner o) {
            int c = site.point().label().compareTo(o.site.point().label());
            return c != 0 ? c : Long.compare(shiftHours, o.shiftHours);
        }
    }

    /** A run of hours copied from (or to) one partner. */
    private record Copy(Partner partner, Instant since, int hours, TreeSet<String> parameters) {
    }

    private record Copied(SiteInfo site, Copy copy, Instant hour) implements AlertWording {

        @Override
        public BilingualText text(AlertState state) {
            Instant end = hour.plus(HOUR);
            if (copy == null || state == AlertState.RESOLVED) {
                boolean resolved = state == AlertState.RESOLVED;
                return new BilingualText(Labels.zhSite(site) + " " + Labels.zhPeriod(hour, end) + (resolved
                        ? "数据已不再与其他排放口相同，告警解除" : "数据未与其他排放口相同"),
                        Labels.enSite(site) + " (" + Labels.enPeriod(hour, end) + ") " + (resolved
                                ? "data no longer identical to another outlet's, resolved"
                                : "data not identical to another outlet's"));
            }
            SiteInfo other = copy.partner().site();
            long shift = copy.partner().shiftHours();
            String zhParams = copy.parameters().stream().map(Labels::zh).collect(Collectors.joining("、"));
            String enParams = copy.parameters().stream().map(Labels::en).collect(Collectors.joining(", "));
            String zhShift = shift == 0 ? "同一时段" : shift < 0 ? "早 " + -shift + " 小时" : "晚 " + shift + " 小时";
            String enShift = shift == 0 ? "the same hours" : shift < 0 ? -shift + " h earlier" : shift + " h later";
            return new BilingualText(Labels.zhSite(site) + " " + Labels.zhPeriod(copy.since(), end) + "连续 " + copy.hours()
                    + " 小时" + zhParams + "的逐条数据与 " + Labels.zhSite(other) + "（" + zhShift + "）完全相同，"
                    + "精确到最后一位：疑似复制其他排放口数据，请核查",
                    Labels.enSite(site) + " (" + Labels.enPeriod(copy.since(), end) + ") " + enParams + " identical, "
                            + "reading by reading and to the last digit, to " + Labels.enSite(other) + " (" + enShift
                            + ") for " + copy.hours() + " h: possibly copied from another outlet, to be checked");
        }
    }
}
