package io.envmon.alerts.water;

import java.util.Objects;
import java.util.Optional;

/**
 * GB 3838-2002 single-factor classification (单因子评价, §5.1) by canonical parameter name, over the
 * {@link Gb3838Item} table. {@code lake} is true for lakes and reservoirs (TP uses the lake row; TN is evaluated),
 * false for rivers. Parameters without a GB 3838 class here (temp, conductivity, turbidity, TN in rivers, unknown
 * names) give {@link Optional#empty()}: "not evaluated".
 */
public final class Gb3838 {

    private Gb3838() {
    }

    /** The table row that evaluates {@code parameter} in this kind of water body. */
    public static Optional<Gb3838Item> item(String parameter, boolean lake) {
        Objects.requireNonNull(parameter, "parameter");
        for (Gb3838Item item : Gb3838Item.values()) {
            if (item.parameter().equals(parameter) && item.appliesTo(lake)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    public static boolean isEvaluated(String parameter, boolean lake) {
        return item(parameter, lake).isPresent();
    }

    /**
     * The class of one value (inclusive limits, best class on shared limits, 劣V beyond class V), or empty when
     * GB 3838 does not classify the parameter in this water body.
     *
     * @throws IllegalArgumentException for a negative, NaN or infinite value of an evaluated parameter
     */
    public static Optional<WaterClass> classify(String parameter, double value, boolean lake) {
        return item(parameter, lake).map(item -> item.classify(value));
    }

    /**
     * The criterion of {@code waterClass} for {@code parameter}, e.g. {@code limit("cod", III, false)} = ≤ 20,
     * {@code limit("do", III, false)} = ≥ 5, {@code limit("ph", I, false)} = 6–9. Empty when the parameter is not
     * evaluated or the class is 劣V.
     */
    public static Optional<ClassLimit> limit(String parameter, WaterClass waterClass, boolean lake) {
        Objects.requireNonNull(waterClass, "waterClass");
        if (waterClass == WaterClass.WORSE_THAN_V) {
            return Optional.empty();
        }
        return item(parameter, lake).map(item -> item.limit(waterClass));
    }
}
