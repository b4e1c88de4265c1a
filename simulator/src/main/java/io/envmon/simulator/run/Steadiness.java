package io.envmon.simulator.run;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a load run held its target rate, in figures: the readings sent in each full wall-clock second,
 * leaving out the first (connections warming up, JIT) and the last (usually cut short by the end of the run).
 *
 * @param seconds how many seconds the figures cover (0 for a run of two seconds or less)
 */
public record Steadiness(double target, double achieved, int seconds, long min, long median, long max) {

    /** Held means every full second carried at least this share of the target. */
    public static final double HELD_SHARE = 0.95;

    /** @param perSecond readings sent in second 0, 1, … of the run, the last one partial or not */
    public static Steadiness of(double target, double achieved, long[] perSecond) {
        if (perSecond.length <= 2) {
            return new Steadiness(target, achieved, 0, 0, 0, 0);
        }
        long[] inner = Arrays.copyOfRange(perSecond, 1, perSecond.length - 1);
        Arrays.sort(inner);
        return new Steadiness(target, achieved, inner.length, inner[0], inner[inner.length / 2], inner[inner.length - 1]);
    }

    public boolean held() {
        return seconds > 0 && min >= HELD_SHARE * target;
    }

    /** The report line, e.g. {@code rate: target 1000/s, achieved 1000/s (100.0 %); ... held steadily}. */
    public String describe() {
        String head = String.format(Locale.ROOT, "rate: target %.0f readings/s, achieved %.0f readings/s (%.1f %%)",
                target, achieved, 100 * achieved / target);
        if (seconds == 0) {
            return head + "; too short to judge steadiness (needs more than 2 s: the first and last second are left out)";
        }
        return head + String.format(Locale.ROOT, "; per full second (%d s, first and last left out): min %d, median %d, "
                        + "max %d readings; %s (every full second at >= %.0f %% of the target)", seconds, min, median, max,
                held() ? "held steadily" : "NOT held", HELD_SHARE * 100);
    }
}
