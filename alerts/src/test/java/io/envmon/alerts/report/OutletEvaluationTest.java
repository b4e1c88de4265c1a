package io.envmon.alerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An outlet's transmission and validity rates (standards.md §9.8) and exceedance hours. */
class OutletEvaluationTest {

    private static final Instant FROM = Instant.parse("2026-10-31T16:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(24));

    private static Instant h(int i) {
        return FROM.plus(Duration.ofHours(i));
    }

    @Test
    void ratesAndExceedancesOfAStack() {
        Outlet stack = new Outlet("DA001", "锅炉废气排放口", "stack", 9.0, null,
                Map.of("particulate", Limit.upTo(30), "so2", Limit.upTo(200)), null);
        Enterprise e = new Enterprise("E001", "明星金光纺织", "textile", null, null, List.of(stack));
        TreeMap<Instant, OutletEvaluation.Hour> hours = new TreeMap<>();
        // 20 of 24 hours received; in 2 of them particulate is invalid (no converted mean); 3 hours over 30
        for (int i = 0; i < 20; i++) {
            Map<String, Double> corrected = i < 2 ? Map.of("so2", 50.0)
                    : Map.of("particulate", i < 5 ? 45.0 : 20.0, "so2", 50.0);
            hours.put(h(i), new OutletEvaluation.Hour(Map.of("particulate", 10.0, "so2", 40.0, "o2", 12.0),
                    corrected));
        }
        OutletMonthReport r = new OutletEvaluation(0.75).evaluate(e, stack, "2026-11", FROM, TO, hours, Map.of(),
                true);
        assertEquals(24, r.expectedHours());
        assertEquals(20, r.receivedHours());
        assertEquals(0.8333, r.transmissionRate(), "20 / 24");
        // particulate 18 valid + so2 20 valid of 2 × 20 received
        assertEquals(0.95, r.validityRate());
        assertEquals(0.7917, r.effectiveRate(), "20/24 × 38/40 = 0.79166… → 0.7917");
        assertTrue(r.passes());
        OutletMonthReport.ParameterMonth pm = r.parameters().get(0);
        assertEquals("particulate", pm.parameter());
        assertEquals("30", pm.limit());
        assertEquals(18, pm.validHours());
        assertEquals(3, pm.exceedanceHours(), "judged on the converted value (45), not the measured one (10)");
        assertEquals(45.0, pm.max());
        assertEquals(0, r.parameters().get(1).exceedanceHours());
    }

    @Test
    void aWetChemistrySampleStandsForItsCycle() {
        Outlet ww = new Outlet("DW001", "废水总排口", "wastewater", null, null,
                Map.of("cod", Limit.upTo(100), "ph", Limit.range(6, 9)), null);
        Enterprise e = new Enterprise("E001", "明星金光纺织", "textile", null, null, List.of(ww));
        TreeMap<Instant, OutletEvaluation.Hour> hours = new TreeMap<>();
        for (int i = 0; i < 24; i++) {
            // COD once every 2 hours (120 mg/L from hour 12 on), pH every hour
            Map<String, Double> means = i % 2 == 0 ? Map.of("cod", i >= 12 ? 120.0 : 50.0, "ph", 7.0)
                    : Map.of("ph", 9.5);
            hours.put(h(i), new OutletEvaluation.Hour(means, Map.of()));
        }
        OutletMonthReport r = new OutletEvaluation(0.75).evaluate(e, ww, "2026-11", FROM, TO, hours,
                Map.of("cod", Duration.ofHours(2)), false);
        OutletMonthReport.ParameterMonth cod = r.parameters().get(0);
        assertEquals(24, cod.validHours(), "each sample covers its hour and the next");
        assertEquals(12, cod.exceedanceHours());
        OutletMonthReport.ParameterMonth ph = r.parameters().get(1);
        assertEquals("6-9", ph.limit());
        assertEquals(12, ph.exceedanceHours(), "9.5 is outside 6–9");
        assertEquals(1.0, r.effectiveRate());
    }

    @Test
    void nothingReceived() {
        Outlet ww = new Outlet("DW001", "废水总排口", "wastewater", null, null, Map.of("cod", Limit.upTo(100)), null);
        Enterprise e = new Enterprise("E001", "x", "textile", null, null, List.of(ww));
        OutletMonthReport r = new OutletEvaluation(0.75).evaluate(e, ww, "2026-11", FROM, TO, new TreeMap<>(),
                Map.of(), false);
        assertEquals(0.0, r.transmissionRate());
        assertFalse(r.passes());
    }
}
