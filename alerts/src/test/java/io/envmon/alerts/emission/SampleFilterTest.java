package io.envmon.alerts.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.series.TimedValue;
import io.envmon.model.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Only values flagged N or T (HJ 212 Table 8) enter means by default; the set of valid flags can be widened. */
class SampleFilterTest {

    private static final Instant H = Instant.parse("2026-03-10T02:00:00Z");

    private static Reading reading(int minute, double cod, String flag) {
        return new Reading(H.plusSeconds(60L * minute), Map.of("cod", cod, "ph", 7.0),
                flag == null ? Map.of() : Map.of("cod", flag), null);
    }

    private final List<Reading> readings = List.of(
            reading(0, 40, null),    // no flag: N
            reading(10, 50, "N"),
            reading(15, 80, "T"),    // above the measuring range: kept (a lower bound of the truth)
            reading(20, 900, "F"),   // stopped
            reading(25, 30, "S"),    // set by hand: not a measurement
            reading(30, 60, "M"),    // maintenance
            reading(40, 70, "D"),    // fault
            reading(70, 999, null)); // next hour

    @Test
    void keepsOnlyNormalAndOverRangeValuesByDefault() {
        List<TimedValue> samples = SampleFilter.samples(readings, "cod");
        assertEquals(List.of(40.0, 50.0, 80.0, 999.0), samples.stream().map(TimedValue::value).toList());
        // the flag is per parameter: pH of every reading is N
        assertEquals(8, SampleFilter.samples(readings, "ph").size());
    }

    @Test
    void keepsMoreWhenAsked() {
        List<TimedValue> samples = SampleFilter.samplesFlagged(readings, "cod", Set.of("S", "M"));
        assertEquals(List.of(40.0, 50.0, 30.0, 60.0, 999.0), samples.stream().map(TimedValue::value).toList(),
                "N always counts; T is not in the set given");
        assertTrue(SampleFilter.isValid("N", Set.of()));
        assertFalse(SampleFilter.isValid("X", Set.of("N", "T")), "an unknown letter is not valid");
    }

    @Test
    void hourlyMean() {
        // (40 + 50 + 80) / 3; F, S, M, D and the next hour's 999 are out
        assertEquals(170.0 / 3, SampleFilter.hourlyMean(readings, "cod", H).getAsDouble(), 1e-12);
        assertTrue(SampleFilter.hourlyMean(List.of(reading(5, 10, "S")), "cod", H).isEmpty());
        assertTrue(SampleFilter.hourlyMean(readings, "nh3n", H).isEmpty());
    }
}
