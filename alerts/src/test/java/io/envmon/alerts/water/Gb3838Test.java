package io.envmon.alerts.water;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GB 3838-2002 Table 1 single-factor classes (standards.md §4.1–4.2): every limit of every canonical basic
 * parameter, exactly at the limit (inclusive) and just past it; DO just below; pH range edges.
 */
class Gb3838Test {

    @ParameterizedTest(name = "{0} ({1}) = {2} → {3}")
    @CsvSource(textBlock = """
            # parameter, lake, value, class
            # CODMn ≤ 2 / 4 / 6 / 10 / 15
            codmn, false, 0,     I
            codmn, false, 2,     I
            codmn, false, 2.01,  II
            codmn, false, 4,     II
            codmn, false, 4.01,  III
            codmn, false, 6,     III
            codmn, false, 6.01,  IV
            codmn, false, 10,    IV
            codmn, false, 10.01, V
            codmn, false, 15,    V
            codmn, false, 15.01, WORSE_THAN_V
            # COD ≤ 15 / 15 / 20 / 30 / 40: 15 is class I (best class on a shared limit); II is never reached
            cod, false, 15,    I
            cod, false, 15.01, III
            cod, false, 20,    III
            cod, false, 20.01, IV
            cod, false, 30,    IV
            cod, false, 30.01, V
            cod, false, 40,    V
            cod, false, 40.01, WORSE_THAN_V
            # NH3-N ≤ 0.15 / 0.5 / 1.0 / 1.5 / 2.0
            nh3n, false, 0.15,  I
            nh3n, false, 0.151, II
            nh3n, false, 0.5,   II
            nh3n, false, 0.501, III
            nh3n, false, 1.0,   III
            nh3n, false, 1.001, IV
            nh3n, false, 1.5,   IV
            nh3n, false, 1.501, V
            nh3n, false, 2.0,   V
            nh3n, false, 2.001, WORSE_THAN_V
            nh3n, true,  2.001, WORSE_THAN_V
            # TP rivers ≤ 0.02 / 0.1 / 0.2 / 0.3 / 0.4
            tp, false, 0.02,  I
            tp, false, 0.021, II
            tp, false, 0.1,   II
            tp, false, 0.101, III
            tp, false, 0.2,   III
            tp, false, 0.201, IV
            tp, false, 0.3,   IV
            tp, false, 0.301, V
            tp, false, 0.4,   V
            tp, false, 0.401, WORSE_THAN_V
            # TP lakes/reservoirs ≤ 0.01 / 0.025 / 0.05 / 0.1 / 0.2
            tp, true, 0.01,   I
            tp, true, 0.011,  II
            tp, true, 0.025,  II
            tp, true, 0.026,  III
            tp, true, 0.05,   III
            tp, true, 0.051,  IV
            tp, true, 0.1,    IV
            tp, true, 0.101,  V
            tp, true, 0.2,    V
            tp, true, 0.201,  WORSE_THAN_V
            # TN lakes/reservoirs only ≤ 0.2 / 0.5 / 1.0 / 1.5 / 2.0
            tn, true, 0.2,   I
            tn, true, 0.201, II
            tn, true, 0.5,   II
            tn, true, 0.501, III
            tn, true, 1.0,   III
            tn, true, 1.001, IV
            tn, true, 1.5,   IV
            tn, true, 1.501, V
            tn, true, 2.0,   V
            tn, true, 2.001, WORSE_THAN_V
            # DO ≥ 7.5 / 6 / 5 / 3 / 2 (higher is better): at the limit, and just below it
            do, false, 12,   I
            do, false, 7.5,  I
            do, false, 7.49, II
            do, false, 6,    II
            do, false, 5.99, III
            do, false, 5,    III
            do, false, 4.99, IV
            do, false, 3,    IV
            do, false, 2.99, V
            do, false, 2,    V
            do, false, 1.99, WORSE_THAN_V
            do, false, 0,    WORSE_THAN_V
            do, true,  5,    III
            # pH 6–9 for every class; outside → 劣V
            ph, false, 5.99, WORSE_THAN_V
            ph, false, 6,    I
            ph, false, 7.2,  I
            ph, false, 9,    I
            ph, false, 9.01, WORSE_THAN_V
            ph, true,  5.99, WORSE_THAN_V
            ph, true,  9,    I
            """)
    void classify(String parameter, boolean lake, double value, WaterClass expected) {
        assertEquals(Optional.of(expected), Gb3838.classify(parameter, value, lake));
    }

    /** The same TP value is class II in a river and class IV in a lake. */
    @Test
    void lakeVersusRiverPhosphorus() {
        assertEquals(Optional.of(WaterClass.II), Gb3838.classify("tp", 0.1, false));
        assertEquals(Optional.of(WaterClass.IV), Gb3838.classify("tp", 0.1, true));
    }

    /** TN is evaluated for lakes and reservoirs only; temp, turbidity, conductivity have no class. */
    @ParameterizedTest(name = "{0} in a river: not evaluated")
    @ValueSource(strings = {"tn", "temp", "turbidity", "conductivity", "chlorophyll", "unknown"})
    void notEvaluated(String parameter) {
        assertEquals(Optional.empty(), Gb3838.classify(parameter, 3.0, false));
        assertFalse(Gb3838.isEvaluated(parameter, false));
        if (!parameter.equals("tn")) {
            assertEquals(Optional.empty(), Gb3838.classify(parameter, 3.0, true));
        }
    }

    @Test
    void tnInLakes() {
        assertTrue(Gb3838.isEvaluated("tn", true));
    }

    /** Every class limit, as printed in GB 3838-2002 Table 1. */
    @ParameterizedTest(name = "{0} lake={1}: {2} {3} {4} {5} {6}")
    @CsvSource(textBlock = """
            # parameter, lake, I, II, III, IV, V (criterion as printed)
            ph,    false, 6–9,    6–9,     6–9,    6–9,   6–9
            do,    false, ≥ 7.5,  ≥ 6,     ≥ 5,    ≥ 3,   ≥ 2
            codmn, false, ≤ 2,    ≤ 4,     ≤ 6,    ≤ 10,  ≤ 15
            cod,   false, ≤ 15,   ≤ 15,    ≤ 20,   ≤ 30,  ≤ 40
            nh3n,  false, ≤ 0.15, ≤ 0.5,   ≤ 1,    ≤ 1.5, ≤ 2
            tp,    false, ≤ 0.02, ≤ 0.1,   ≤ 0.2,  ≤ 0.3, ≤ 0.4
            tp,    true,  ≤ 0.01, ≤ 0.025, ≤ 0.05, ≤ 0.1, ≤ 0.2
            tn,    true,  ≤ 0.2,  ≤ 0.5,   ≤ 1,    ≤ 1.5, ≤ 2
            """)
    void limits(String parameter, boolean lake, String i, String ii, String iii, String iv, String v) {
        String[] expected = {i, ii, iii, iv, v};
        WaterClass[] classes = {WaterClass.I, WaterClass.II, WaterClass.III, WaterClass.IV, WaterClass.V};
        for (int k = 0; k < 5; k++) {
            assertEquals(expected[k], Gb3838.limit(parameter, classes[k], lake).orElseThrow().toString(),
                    parameter + " class " + classes[k]);
        }
        assertEquals(Optional.empty(), Gb3838.limit(parameter, WaterClass.WORSE_THAN_V, lake));
    }

    @Test
    void limitValuesForDashboards() {
        assertEquals(20.0, Gb3838.limit("cod", WaterClass.III, false).orElseThrow().max());
        assertEquals(5.0, Gb3838.limit("do", WaterClass.III, false).orElseThrow().min());
        assertEquals(0.05, Gb3838.limit("tp", WaterClass.III, true).orElseThrow().max());
        assertEquals(Optional.empty(), Gb3838.limit("tn", WaterClass.III, false));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void notAMeasurement(double value) {
        assertThrows(IllegalArgumentException.class, () -> Gb3838.classify("cod", value, false));
    }
}
