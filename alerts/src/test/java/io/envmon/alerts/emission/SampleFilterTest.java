package io.envmon.alerts.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.series.TimedValue;
import io.envmon.model.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Readings flagged F (stopped; HJ 212 Table 8) are excluded from means. */
class SampleFilterTest {

    private static final Instant H = Instant.parse("2026-03-10T02:00:00Z");

    private static Reading reading(int minute, double cod, String flag) {
        return new Reading(H.plusSeconds(60L * minute), Map.of("cod", cod, "ph", 7.0),
                flag == null ? Map.of() : Map.of("cod", flag), null);
    }

    private final List<Reading> readings = List.of(
            reading(0, 40, null),
            reading(10, 50, "N"),
            reading(20, 900, "F"),   // stopped: excluded
            reading(30, 60, "M"),    // maintenance: kept by default
            reading(40, 70, "D"),    // fault: kept by default
            reading(70, 999, null)); // next hour

    @Test
    void excludesStopped() {
        List<TimedValue> samples = SampleFilter.samples(readings, "cod");
        assertEquals(List.of(40.0, 50.0, 60.0, 70.0, 999.0), samples.stream().map(TimedValue::value).toList());
        // the flag is per parameter: pH of the F reading is kept
        assertEquals(6, SampleFilter.samples(readings, "ph").size());
    }

    @Test
    void excludesMoreWhenAsked() {
        List<TimedValue> samples = SampleFilter.samples(readings, "cod", Set.of("F", "M", "D"));
        assertEquals(List.of(40.0, 50.0, 999.0), samples.stream().map(TimedValue::value).toList());
    }

    @Test
    void hourlyMean() {
        // (40 + 50 + 60 + 70) / 4 = 55; the F value 900 and next hour's 999 are out
        assertEquals(55.0, SampleFilter.hourlyMean(readings, "cod", H).getAsDouble(), 1e-12);
        assertTrue(SampleFilter.hourlyMean(List.of(reading(5, 10, "F")), "cod", H).isEmpty());
        assertTrue(SampleFilter.hourlyMean(readings, "nh3n", H).isEmpty());
    }
}
