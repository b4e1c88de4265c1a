package io.envmon.alerts.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** C_ref = C × (21 − O2_ref) / (21 − O2) (GB 13271-2014 Eq. 1, GB 39726-2020 Eq. 1; standards.md §6.1). */
class OxygenCorrectionTest {

    private final OxygenCorrection correction = new OxygenCorrection();

    @ParameterizedTest(name = "C {0} at O2 {1} % → ref {2} %: {3}")
    @CsvSource(textBlock = """
            # C,  O2,    ref, expected          worked
            # coal boiler (GB 13271, 9 %): 100 × 12 / 9
            100,  12,    9,   133.3333333333,
            100,  9,     9,   100,
            # measured O2 below the reference lowers the value: 100 × 12 / 15
            100,  6,     9,   80,
            # cupola cold blast (GB 39726, 15 %): 100 × 6 / 3 and 100 × 6 / 9
            100,  18,    15,  200,
            100,  12,    15,  66.6666666667,
            # cupola hot blast (12 %): 100 × 9 / 6
            100,  15,    12,  150,
            # oil/gas boiler (3.5 %): 100 × 17.5 / 11
            100,  10,    3.5, 159.0909090909,
            # coal power ultra-low (6 %): 30 × 15 / 11
            30,   10,    6,   40.9090909091,
            # just under the suppression threshold: 100 × 12 / 2.01
            100,  18.99, 9,   597.0149253731,
            0,    12,    9,   0,
            """)
    void corrects(double c, double o2, double ref, double expected) {
        O2Corrected.Corrected r = assertInstanceOf(O2Corrected.Corrected.class, correction.correct(c, o2, ref));
        assertEquals(expected, r.value(), 1e-9);
        assertEquals(expected, r.judgedValue().getAsDouble(), 1e-9);
        assertEquals((21 - ref) / (21 - o2), r.factor(), 1e-12);
        assertFalse(r.suppressed());
    }

    @ParameterizedTest(name = "O2 {0} % → suppressed")
    @ValueSource(doubles = {19, 19.5, 20, 20.9, 21, 22})
    void suppressedNear21(double o2) {
        O2Corrected r = correction.correct(5, o2, 9.0);
        O2Corrected.Suppressed s = assertInstanceOf(O2Corrected.Suppressed.class, r);
        assertTrue(r.suppressed());
        assertTrue(r.judgedValue().isEmpty());
        assertTrue(s.reason().startsWith("not corrected: O2"), s.reason());
        assertTrue(s.reason().contains("too close to 21 %"), s.reason());
        assertEquals(5, s.measured());
    }

    @Test
    void configurableThreshold() {
        OxygenCorrection strict = new OxygenCorrection(18);
        assertTrue(strict.correct(100, 18, 9.0).suppressed());
        assertFalse(strict.correct(100, 17.99, 9.0).suppressed());
        assertEquals(OxygenCorrection.DEFAULT_SUPPRESS_AT_O2, correction.suppressAtO2());
    }

    @Test
    void noReferenceMeansTheMeasuredValueIsJudged() {
        O2Corrected r = correction.correct(42, 20.5, null);
        assertInstanceOf(O2Corrected.NotRequired.class, r);
        assertEquals(42, r.judgedValue().getAsDouble());
    }

    /** GB 29620-2013 §4.7: α_ref 1.7; α_meas = 21 / (21 − O2). */
    @Test
    void excessAirCoefficient() {
        O2Corrected.Corrected r = (O2Corrected.Corrected) correction.correctByExcessAir(100, 15, 1.7);
        // α_meas = 21 / 6 = 3.5; 100 × 3.5 / 1.7 = 205.88
        assertEquals(205.8823529412, r.value(), 1e-9);
        // α 1.7 ≈ O2 8.65 %; the two formulas agree
        assertEquals(21 - 21 / 1.7, r.referenceO2(), 1e-12);
        assertEquals(r.value(), ((O2Corrected.Corrected) correction.correct(100, 15, r.referenceO2())).value(), 1e-9);
        assertTrue(correction.correctByExcessAir(100, 19.5, 1.7).suppressed());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> correction.correct(-1, 12, 9.0));
        assertThrows(IllegalArgumentException.class, () -> correction.correct(Double.NaN, 12, 9.0));
        assertThrows(IllegalArgumentException.class, () -> correction.correct(100, -1, 9.0));
        assertThrows(IllegalArgumentException.class, () -> correction.correct(100, 12, 21.0));
        assertThrows(IllegalArgumentException.class, () -> correction.correct(100, 12, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new OxygenCorrection(0));
        assertThrows(IllegalArgumentException.class, () -> new OxygenCorrection(21.5));
        assertThrows(IllegalArgumentException.class, () -> correction.correctByExcessAir(100, 12, 0.9));
    }
}
