package io.envmon.hj212.mapping;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units HJ 212 devices send and the contract stores (CONTRACT §2), with exact decimal conversion between units
 * of one dimension. Conversions go through BigDecimal so that {@code 35000 ng/m³} is exactly {@code 35 µg/m³}.
 */
public enum Unit {
    UG_M3("µg/m³", Dimension.AIR_CONCENTRATION, "1", "ug/m3"),
    NG_M3("ng/m³", Dimension.AIR_CONCENTRATION, "0.001", "ng/m3"),
    MG_M3("mg/m³", Dimension.AIR_CONCENTRATION, "1000", "mg/m3"),
    MG_L("mg/L", Dimension.WATER_CONCENTRATION, "1", "mg/l"),
    UG_L("µg/L", Dimension.WATER_CONCENTRATION, "0.001", "ug/l"),
    HPA("hPa", Dimension.PRESSURE, "1", "hpa", "mbar"),
    KPA("kPa", Dimension.PRESSURE, "10", "kpa"),
    PA("Pa", Dimension.PRESSURE, "0.01", "pa"),
    M3_H("m³/h", Dimension.FLOW, "1", "m3/h"),
    M3_S("m³/s", Dimension.FLOW, "3600", "m3/s"),
    L_S("L/s", Dimension.FLOW, "3.6", "l/s"),
    US_CM("µS/cm", Dimension.CONDUCTIVITY, "1", "us/cm"),
    MS_CM("mS/cm", Dimension.CONDUCTIVITY, "1000", "ms/cm"),
    MS_M("mS/m", Dimension.CONDUCTIVITY, "10", "ms/m"),
    PERCENT("%", Dimension.FRACTION, "1"),
    CELSIUS("°C", Dimension.TEMPERATURE, "1", "℃", "c", "degc"),
    METRE_PER_SECOND("m/s", Dimension.SPEED, "1"),
    DEGREES("degrees", Dimension.ANGLE, "1", "°", "deg", "degree"),
    NTU("NTU", Dimension.TURBIDITY, "1"),
    /** Dimensionless (pH). */
    NONE("", Dimension.NONE, "1", "-", "none");

    /** What kind of quantity a unit measures; only units of one dimension convert into each other. */
    public enum Dimension {
        AIR_CONCENTRATION, WATER_CONCENTRATION, PRESSURE, FLOW, CONDUCTIVITY, FRACTION, TEMPERATURE, SPEED, ANGLE,
        TURBIDITY, NONE
    }

    private static final Map<String, Unit> BY_NAME = index();

    private final String symbol;
    private final Dimension dimension;
    private final BigDecimal factor;
    private final List<String> aliases;

    Unit(String symbol, Dimension dimension, String factor, String... aliases) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.factor = new BigDecimal(factor);
        this.aliases = List.of(aliases);
    }

    /** The symbol as CONTRACT §2 writes it. */
    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    public boolean convertibleTo(Unit other) {
        return dimension == other.dimension;
    }

    /**
     * {@code value} in this unit expressed in {@code target}.
     *
     * @throws IllegalArgumentException when the dimensions differ
     */
    public BigDecimal convert(BigDecimal value, Unit target) {
        if (!convertibleTo(target)) {
            throw new IllegalArgumentException("cannot convert " + symbol + " to " + target.symbol);
        }
        if (this == target) {
            return value;
        }
        return value.multiply(factor).divide(target.factor, MathContext.DECIMAL64);
    }

    /**
     * A unit from its symbol as an operator writes it in the registry: {@code µg/m³}, {@code ug/m3}, {@code ng/m3},
     * {@code mg/m3}, {@code kPa}, {@code m3/s}, {@code L/s}, ... (case and µ/u, ³/3 spellings do not matter).
     */
    public static Optional<Unit> parse(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(normalise(text)));
    }

    private static String normalise(String text) {
        return text.trim().replace('µ', 'u').replace('μ', 'u').replace('³', '3').toLowerCase(Locale.ROOT);
    }

    private static Map<String, Unit> index() {
        Map<String, Unit> map = new HashMap<>();
        for (Unit u : values()) {
            map.put(normalise(u.symbol), u);
            for (String alias : u.aliases) {
                map.put(normalise(alias), u);
            }
        }
        return Map.copyOf(map);
    }
}
