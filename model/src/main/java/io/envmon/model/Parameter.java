package io.envmon.model;

/**
 * A canonical parameter (CONTRACT §2) with its unit and the physical range outside which a value cannot be
 * a measurement (a broken sensor or a unit mistake) and is rejected as {@code out_of_range}. The ranges are
 * deliberately wide: they catch impossible values, not pollution.
 */
public record Parameter(String name, String unit, double min, double max, int decimals) {

    /**
     * @param decimals the decimals a value of this parameter is reported with (docs/parameters.md, "Precision"): the
     *                 API rounds stored values to them, half to even (GB/T 8170)
     */
    public Parameter {
        if (decimals < 0 || decimals > 6) {
            throw new IllegalArgumentException("decimals must be 0..6, not " + decimals);
        }
    }

    /** With two decimals. */
    public Parameter(String name, String unit, double min, double max) {
        this(name, unit, min, max, 2);
    }

    /** {@code value} rounded to this parameter's decimals (half to even, on its shortest decimal form). */
    public double round(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    public boolean inRange(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }
}
