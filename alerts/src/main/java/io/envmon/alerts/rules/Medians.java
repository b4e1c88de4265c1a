package io.envmon.alerts.rules;

import java.util.ArrayList;
import java.util.List;

/** The median the integrity rules compare with: robust to the few hours of a start-up or a stop. */
final class Medians {

    private Medians() {
    }

    /** The median of {@code values} (not empty); the mean of the two middle ones for an even count. */
    static double of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
