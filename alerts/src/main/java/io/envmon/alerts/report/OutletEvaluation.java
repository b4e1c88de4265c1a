package io.envmon.alerts.report;

import io.envmon.alerts.emission.PermitCheck;
import io.envmon.alerts.window.HourEvaluator;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An outlet's monthly rates and exceedance hours from the hourly means the alert engine stored
 * ({@code emission_hourly}). Standards.md §9.8: transmission rate = hourly values received ÷ expected; validity rate =
 * valid hourly values ÷ expected valid values (here: ÷ received); effective transmission rate = their product (✔).
 * Local conventions (docs/standards/README.md item 22): the assessed parameters are those the permit limits; an hour
 * is received when any reading of it was stored; a value is valid as the engine judges an hourly mean (≥ 45 minutes
 * of N/T data); a wet-chemistry sample stands for the hours of its analyser cycle, as the permit rule judges it;
 * hours flagged as shut down are not taken out of the counts (HJ 75 / HJ 356 rules not verified, §9.8 ✘).
 */
public final class OutletEvaluation {

    private static final Duration HOUR = Duration.ofHours(1);

    private final PermitCheck check = new PermitCheck();
    private final double passMark;

    public OutletEvaluation(double passMark) {
        this.passMark = passMark;
    }

    /** One stored hour: the valid means, and the concentrations converted to the outlet's O2 basis. */
    public record Hour(Map<String, Double> means, Map<String, Double> corrected) {
        public Hour {
            means = Map.copyOf(means);
            corrected = Map.copyOf(corrected);
        }
    }

    /**
     * @param from    the period's first hour
     * @param to      the end of the closed hours counted (the period's end, or the last closed hour before now)
     * @param hours   the outlet's stored hours by start (others are ignored)
     * @param cycles  per parameter, its analyser cycle where longer than an hour
     * @param converted true when the outlet's concentrations are judged converted to a reference O2 or α
     */
    public OutletMonthReport evaluate(Enterprise enterprise, Outlet outlet, String period, Instant from, Instant to,
                                      NavigableMap<Instant, Hour> hours, Map<String, Duration> cycles,
                                      boolean converted) {
        Objects.requireNonNull(outlet, "outlet");
        NavigableMap<Instant, Hour> in = hours.subMap(from, true, to, false);
        int expected = (int) Math.max(0, Duration.between(from, to).toHours());
        int received = in.size();
        List<OutletMonthReport.ParameterMonth> parameters = new ArrayList<>();
        long validSum = 0;
        for (Map.Entry<String, Limit> e : new TreeMap<>(outlet.limits()).entrySet()) {
            String p = e.getKey();
            boolean judgeConverted = converted && HourEvaluator.CONCENTRATIONS.contains(p);
            Duration cycle = cycles.getOrDefault(p, HOUR);
            int valid = 0;
            int over = 0;
            Double max = null;
            // the value standing for each hour: its own, else the newest sample whose cycle still covers it
            Instant carriedAt = null;
            Double carried = null;
            Map.Entry<Instant, Hour> before = cycle.compareTo(HOUR) > 0 ? hours.lowerEntry(from) : null;
            while (before != null && value(before.getValue(), p, judgeConverted) == null
                    && before.getKey().isAfter(from.minus(cycle))) {
                before = hours.lowerEntry(before.getKey());
            }
            if (before != null && value(before.getValue(), p, judgeConverted) != null) {
                carriedAt = before.getKey();
                carried = value(before.getValue(), p, judgeConverted);
            }
            for (Instant h = from; h.isBefore(to); h = h.plus(HOUR)) {
                Hour hour = in.get(h);
                Double v = hour == null ? null : value(hour, p, judgeConverted);
                if (v != null) {
                    carriedAt = h;
                    carried = v;
                } else if (carriedAt != null && h.isBefore(carriedAt.plus(cycle)) && cycle.compareTo(HOUR) > 0) {
                    v = carried;
                }
                if (v == null) {
                    continue;
                }
                valid++;
                max = max == null ? v : Math.max(max, v);
                if (check.check(v, e.getValue()).exceeded()) {
                    over++;
                }
            }
            validSum += valid;
            parameters.add(new OutletMonthReport.ParameterMonth(p, limitText(e.getValue()), valid, over, max));
        }
        double transmission = expected == 0 ? 0 : (double) received / expected;
        long validExpected = (long) received * parameters.size();
        double validity = validExpected == 0 ? 0 : Math.min(1, (double) validSum / validExpected);
        double effective = round(transmission * validity);
        transmission = round(transmission);
        validity = round(validity);
        return new OutletMonthReport(enterprise.id(), enterprise.name(), outlet.id(), outlet.name(), outlet.type(),
                period, expected, received, transmission, validity, effective, effective >= passMark, parameters);
    }

    private static Double value(Hour hour, String p, boolean converted) {
        return converted ? hour.corrected().get(p) : hour.means().get(p);
    }

    private static double round(double rate) {
        return BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static String limitText(Limit l) {
        return l.isRange() ? plain(l.min()) + "-" + plain(l.max()) : plain(l.max());
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
