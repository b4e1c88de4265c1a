package io.envmon.model;

/**
 * A canonical parameter (CONTRACT §2) with its unit and the physical range outside which a value cannot be
 * a measurement (a broken sensor or a unit mistake) and is rejected as {@code out_of_range}. The ranges are
 * deliberately wide: they catch impossible values, not pollution.
 */
public record Parameter(String name, String unit, double min, double max) {

    public boolean inRange(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }
}
