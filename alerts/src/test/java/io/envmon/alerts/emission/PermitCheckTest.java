package io.envmon.alerts.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An hourly mean against a permit limit: exceeded, multiple (C − L) / L, share for the 80 % early warning. */
class PermitCheckTest {

    private final PermitCheck check = new PermitCheck();

    @ParameterizedTest(name = "{0} vs ≤ {1} → {2}, share {3}")
    @CsvSource(textBlock = """
            # mean, limit, status,       share,  multiple (blank = none)
            # GB 8978 Grade 1 COD 100 mg/L
            0,     100, COMPLIANT,     0,
            79.9,  100, COMPLIANT,     0.799,
            80,    100, EARLY_WARNING, 0.8,
            100,   100, EARLY_WARNING, 1.0,
            100.1, 100, EXCEEDED,      1.001,  0.001
            150,   100, EXCEEDED,      1.5,    0.5
            300,   100, EXCEEDED,      3.0,    2.0
            # GB 13271 new gas boiler NOx 200 mg/m³ (after O2 correction)
            160,   200, EARLY_WARNING, 0.8,
            250,   200, EXCEEDED,      1.25,   0.25
            """)
    void upperBound(double mean, double max, PermitResult.Status status, double share, Double multiple) {
        PermitResult r = check.check(mean, Limit.upTo(max));
        assertEquals(status, r.status());
        assertEquals(share, r.share(), 1e-12);
        assertEquals(status == PermitResult.Status.EXCEEDED, r.exceeded());
        if (multiple == null) {
            assertTrue(r.multiple().isEmpty());
        } else {
            assertEquals(multiple, r.multiple().getAsDouble(), 1e-12);
        }
    }

    /** pH 6–9 (GB 8978): share = distance from 7.5 over 1.5; no multiple for a range. */
    @ParameterizedTest(name = "pH {0} → {1}, share {2}")
    @CsvSource(textBlock = """
            7.5,  COMPLIANT,     0
            7.2,  COMPLIANT,     0.2
            8.6,  COMPLIANT,     0.7333333333
            8.7,  EARLY_WARNING, 0.8
            6.3,  EARLY_WARNING, 0.8
            9,    EARLY_WARNING, 1
            6,    EARLY_WARNING, 1
            9.01, EXCEEDED,      1.0066666667
            5.5,  EXCEEDED,      1.3333333333
            """)
    void range(double ph, PermitResult.Status status, double share) {
        PermitResult r = check.check(ph, Limit.range(6, 9));
        assertEquals(status, r.status());
        assertEquals(share, r.share(), 1e-9);
        assertTrue(r.multiple().isEmpty());
    }

    @Test
    void configurableEarlyWarningShare() {
        PermitCheck at90 = new PermitCheck(0.9);
        assertEquals(PermitResult.Status.COMPLIANT, at90.check(85, Limit.upTo(100)).status());
        assertEquals(PermitResult.Status.EARLY_WARNING, at90.check(90, Limit.upTo(100)).status());
        assertThrows(IllegalArgumentException.class, () -> new PermitCheck(0));
        assertThrows(IllegalArgumentException.class, () -> new PermitCheck(1.2));
    }

    @Test
    void rejectsUnusableLimits() {
        assertThrows(IllegalArgumentException.class, () -> check.check(1, Limit.upTo(0)));
        assertThrows(IllegalArgumentException.class, () -> check.check(1, Limit.range(7, 7)));
        assertThrows(IllegalArgumentException.class, () -> check.check(Double.NaN, Limit.upTo(50)));
    }
}
