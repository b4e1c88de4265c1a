package io.envmon.alerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.water.SectionClassifier;
import io.envmon.model.registry.WaterSection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A section's monthly class against its target (GB 3838-2002 single factor on the month's means). */
class WaterEvaluationTest {

    private static final WaterSection III = new WaterSection("XYH-02", "象峪河水秀桥", "象峪河", "III", "river", null, null, null, null);
    private final WaterEvaluation evaluation = new WaterEvaluation(new SectionClassifier());

    @Test
    void theMonthsMeansDecideTheClass() {
        // NH3-N hourly 1.0 and 1.4 → mean 1.2: class IV (≤ 1.5), multiple (1.2 − 1.0) / 1.0 = 0.2 against III
        List<Map<String, Double>> hours = List.of(
                Map.of("ph", 7.0, "do", 6.5, "codmn", 4.5, "nh3n", 1.0, "tp", 0.15),
                Map.of("ph", 7.4, "do", 6.1, "codmn", 5.5, "nh3n", 1.4),
                Map.of("turbidity", 30.0));
        WaterMonthReport r = evaluation.evaluate(III, "2026-11", hours);
        assertEquals(3, r.hours());
        assertEquals(1.2, r.means().get("nh3n"), 1e-9);
        assertEquals(5.0, r.means().get("codmn"), 1e-9);
        assertEquals(1, r.hoursByParameter().get("tp"));
        assertEquals("IV", r.sectionClass());
        assertFalse(r.meetsTarget());
        assertEquals(List.of("nh3n"), r.deciding());
        assertEquals(1, r.exceedances().size());
        assertEquals("nh3n", r.exceedances().get(0).parameter());
        assertEquals(0.2, r.exceedances().get(0).multiple());
    }

    @Test
    void withinTheTarget() {
        WaterMonthReport r = evaluation.evaluate(III, "2026-11", List.of(Map.of("codmn", 3.0, "nh3n", 0.4)));
        assertEquals("II", r.sectionClass());
        assertTrue(r.meetsTarget());
        assertEquals(List.of(), r.exceedances());
    }

    @Test
    void noDataNoClass() {
        WaterMonthReport r = evaluation.evaluate(III, "2026-11", List.of());
        assertNull(r.sectionClass());
        assertNull(r.meetsTarget());
        assertEquals(0, r.hours());
    }
}
