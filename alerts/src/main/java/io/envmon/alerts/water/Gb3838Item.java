package io.envmon.alerts.water;

import java.util.Objects;

/**
 * GB 3838-2002 Table 1 (basic items) for the canonical water-section parameters, as data.
 *
 * <p>Source: standards.md §4.1 (GB 3838-2002 official scan p.2 Table 1, cross-checked with
 * sm1lewc/Silence.Water). Units mg/L, pH dimensionless. Columns: classes I, II, III, IV, V.
 * Direction (§4.2): DO is a minimum (higher is better), pH a range, everything else a maximum. Total P has
 * separate river and lake/reservoir rows; total N applies to lakes/reservoirs only.
 *
 * <p>Not evaluated (no GB 3838 class): water temperature (its criterion is a change, not a class),
 * conductivity, turbidity. Other Table 1 items (BOD5, metals…) are not canonical parameters yet; add them here
 * as rows when they are.
 */
public enum Gb3838Item {

    // class:                                             I      II      III    IV     V
    PH("ph", Direction.RANGE, Applies.ALL, null), // 6–9 for every class: PH_MIN, PH_MAX
    /** Class I: saturation ≥ 90 % <i>or</i> ≥ 7.5 mg/L; we use 7.5 mg/L (no saturation is computed). */
    DO("do", Direction.MIN, Applies.ALL, limits(          7.5,   6,      5,     3,     2)),
    CODMN("codmn", Direction.MAX, Applies.ALL, limits(    2,     4,      6,     10,    15)),
    COD("cod", Direction.MAX, Applies.ALL, limits(        15,    15,     20,    30,    40)),
    NH3N("nh3n", Direction.MAX, Applies.ALL, limits(      0.15,  0.5,    1.0,   1.5,   2.0)),
    TP_RIVER("tp", Direction.MAX, Applies.RIVER, limits(  0.02,  0.1,    0.2,   0.3,   0.4)),
    TP_LAKE("tp", Direction.MAX, Applies.LAKE, limits(    0.01,  0.025,  0.05,  0.1,   0.2)),
    TN_LAKE("tn", Direction.MAX, Applies.LAKE, limits(    0.2,   0.5,    1.0,   1.5,   2.0));

    /** pH 6–9, the same for every class (Table 1 row 2). */
    public static final double PH_MIN = 6;
    public static final double PH_MAX = 9;

    /** Which way a value gets worse. */
    public enum Direction {
        /** Class k requires value ≤ limit_k. */
        MAX,
        /** Class k requires value ≥ limit_k (dissolved oxygen). */
        MIN,
        /** Every class requires PH_MIN ≤ value ≤ PH_MAX; outside is 劣V. */
        RANGE
    }

    /** Which water bodies the row applies to. */
    enum Applies {
        ALL,
        RIVER,
        LAKE
    }

    private final String parameter;
    private final Direction direction;
    private final Applies applies;
    private final double[] limits;

    Gb3838Item(String parameter, Direction direction, Applies applies, double[] limits) {
        this.parameter = parameter;
        this.direction = direction;
        this.applies = applies;
        this.limits = limits;
    }

    public String parameter() {
        return parameter;
    }

    public Direction direction() {
        return direction;
    }

    /** True when the row applies to a lake/reservoir ({@code lake}) or a river ({@code !lake}). */
    public boolean appliesTo(boolean lake) {
        return applies == Applies.ALL || (applies == Applies.LAKE) == lake;
    }

    /** The criterion of {@code waterClass} (I to V); 劣V has none. */
    public ClassLimit limit(WaterClass waterClass) {
        Objects.requireNonNull(waterClass, "waterClass");
        if (waterClass == WaterClass.WORSE_THAN_V) {
            throw new IllegalArgumentException("劣V has no limit: it is whatever fails class V");
        }
        return switch (direction) {
            case RANGE -> ClassLimit.between(PH_MIN, PH_MAX);
            case MIN -> ClassLimit.atLeast(limits[waterClass.ordinal()]);
            case MAX -> ClassLimit.atMost(limits[waterClass.ordinal()]);
        };
    }

    /**
     * The single-factor class of {@code value}: the best class whose criterion it meets (limits inclusive; on a
     * shared limit such as COD 15 for I and II, the best class), or 劣V when it fails class V.
     *
     * @throws IllegalArgumentException for a negative, NaN or infinite value
     */
    public WaterClass classify(double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(parameter + " value must be a finite number ≥ 0, not " + value);
        }
        for (WaterClass c : WaterClass.values()) {
            if (c != WaterClass.WORSE_THAN_V && limit(c).isMet(value)) {
                return c;
            }
        }
        return WaterClass.WORSE_THAN_V;
    }

    private static double[] limits(double i, double ii, double iii, double iv, double v) {
        return new double[] {i, ii, iii, iv, v};
    }
}
