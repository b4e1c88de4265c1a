package io.envmon.alerts.water;

/**
 * The GB 3838 criterion a value must meet for one class: an upper bound ({@code max}, "≤"), a lower bound
 * ({@code min}, "≥", dissolved oxygen) or a range (pH 6–9). Bounds are inclusive. At least one is set.
 */
public record ClassLimit(Double min, Double max) {

    public ClassLimit {
        if (min == null && max == null) {
            throw new IllegalArgumentException("a class limit needs a min, a max or both");
        }
    }

    public static ClassLimit atMost(double max) {
        return new ClassLimit(null, max);
    }

    public static ClassLimit atLeast(double min) {
        return new ClassLimit(min, null);
    }

    public static ClassLimit between(double min, double max) {
        return new ClassLimit(min, max);
    }

    /** True when {@code value} meets the criterion (bounds inclusive). */
    public boolean isMet(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    /** "≤ 20", "≥ 5", "6–9". */
    @Override
    public String toString() {
        if (min != null && max != null) {
            return plain(min) + "–" + plain(max);
        }
        return min != null ? "≥ " + plain(min) : "≤ " + plain(max);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
