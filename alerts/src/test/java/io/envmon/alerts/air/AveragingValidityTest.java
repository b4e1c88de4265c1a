package io.envmon.alerts.air;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.envmon.alerts.series.TimedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GB 3095 Table 4 data-validity rules (standards.md §2.2): 1-h mean ≥ 45 min of sampling; 24-h/daily mean
 * ≥ 20 hourly means; O3 8-h mean ≥ 6 hourly means.
 */
class AveragingValidityTest {

    private static final Instant HOUR = Instant.parse("2026-03-10T02:00:00Z"); // 10:00 Beijing
    private static final Instant DAY = Instant.parse("2026-03-09T16:00:00Z");  // 2026-03-10 00:00 Beijing

    /** {@code n} samples of value 10, 20, 30… every {@code step} from {@code start}. */
    private static List<TimedValue> series(Instant start, int n, Duration step) {
        List<TimedValue> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TimedValue(start.plus(step.multipliedBy(i)), 10.0 * (i + 1)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} samples every {1} min → {2} min sampled, valid {3}")
    @CsvSource(textBlock = """
            # minute data: 44 vs 45
            44, 1, 44, false
            45, 1, 45, true
            60, 1, 60, true
            # 5-minute data: 8 vs 9
            8,  5, 40, false
            9,  5, 45, true
            12, 5, 60, true
            # 15-minute data: 3 vs 4 (45 min)
            3, 15, 45, true
            2, 15, 30, false
            """)
    void hourlyMeanNeeds45Minutes(int n, int everyMinutes, int sampledMinutes, boolean valid) {
        Duration step = Duration.ofMinutes(everyMinutes);
        List<TimedValue> samples = series(HOUR, n, step);
        assertEquals(Duration.ofMinutes(sampledMinutes), HourlyMeanCalculator.sampling(samples, HOUR, step));
        Optional<Double> mean = HourlyMeanCalculator.mean(samples, HOUR, step);
        assertEquals(valid, mean.isPresent());
        if (valid) {
            assertEquals(5.0 * (n + 1), mean.get(), 1e-9); // mean of 10, 20, … 10n
        }
    }

    @Test
    void samplingIsTheUnionOfPeriodsClippedToTheHour() {
        Duration oneMinute = Duration.ofMinutes(1);
        List<TimedValue> samples = new ArrayList<>(series(HOUR, 44, oneMinute));
        // a redelivered reading counts once
        samples.add(new TimedValue(HOUR.plusSeconds(60 * 10), 999));
        // the previous hour's and the next hour's readings do not count
        samples.add(new TimedValue(HOUR.minusSeconds(30), 1));
        samples.add(new TimedValue(HOUR.plusSeconds(3600), 1));
        assertEquals(Duration.ofMinutes(44), HourlyMeanCalculator.sampling(samples, HOUR, oneMinute));
        assertEquals(Optional.empty(), HourlyMeanCalculator.mean(samples, HOUR, oneMinute));

        // a 5-minute sample at :59 covers only the last minute of the hour
        List<TimedValue> late = List.of(new TimedValue(HOUR.plusSeconds(59 * 60), 1));
        assertEquals(Duration.ofMinutes(1), HourlyMeanCalculator.sampling(late, HOUR, Duration.ofMinutes(5)));

        // minute data every 30 s (00:00 … 44:00): overlapping periods count once, 45 min in all
        List<TimedValue> dense = series(HOUR, 89, Duration.ofSeconds(30));
        assertEquals(Duration.ofMinutes(45), HourlyMeanCalculator.sampling(dense, HOUR, oneMinute));
    }

    @Test
    void expectedIntervalMustFitTheHour() {
        assertThrows(IllegalArgumentException.class,
                () -> HourlyMeanCalculator.mean(List.of(), HOUR, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> HourlyMeanCalculator.mean(List.of(), HOUR, Duration.ofMinutes(61)));
        assertEquals(true, HourlyMeanCalculator.isValid(Duration.ofMinutes(45)));
        assertEquals(false, HourlyMeanCalculator.isValid(Duration.ofMinutes(44).plusSeconds(59)));
    }

    @ParameterizedTest(name = "{0} hourly means → valid {1}")
    @CsvSource(textBlock = """
            19, false
            20, true
            24, true
            """)
    void dailyMeanNeeds20HourlyMeans(int n, boolean valid) {
        List<TimedValue> hourly = series(DAY, n, Duration.ofHours(1));
        assertEquals(n, DailyMeanCalculator.count(hourly, DAY));
        Optional<Double> mean = DailyMeanCalculator.mean(hourly, DAY);
        assertEquals(valid, mean.isPresent());
        if (valid) {
            assertEquals(5.0 * (n + 1), mean.get(), 1e-9);
        }
    }

    @Test
    void dailyMeanCountsOnlyItsDayAndEachHourOnce() {
        List<TimedValue> hourly = new ArrayList<>(series(DAY, 19, Duration.ofHours(1)));
        hourly.add(new TimedValue(DAY.plus(Duration.ofHours(3)), 40)); // duplicate hour
        hourly.add(new TimedValue(DAY.minus(Duration.ofHours(1)), 40)); // the day before
        hourly.add(new TimedValue(DAY.plus(Duration.ofHours(24)), 40)); // the day after
        assertEquals(Optional.empty(), DailyMeanCalculator.mean(hourly, DAY));
        // a 24-h sliding window starting at 23:00 the day before catches 20
        assertEquals(20, DailyMeanCalculator.count(hourly, DAY.minus(Duration.ofHours(1))));
    }

    @ParameterizedTest(name = "{0} hourly means in 8 h → valid {1}")
    @CsvSource(textBlock = """
            5, false
            6, true
            8, true
            """)
    void eightHourMeanNeeds6HourlyMeans(int n, boolean valid) {
        List<TimedValue> hourly = series(DAY, n, Duration.ofHours(1));
        assertEquals(valid, EightHourMeanCalculator.mean(hourly, DAY).isPresent());
    }

    @Test
    void dailyMaxEightHourUsesWindowsInsideTheDay() {
        List<TimedValue> hourly = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hourly.add(new TimedValue(DAY.plus(Duration.ofHours(h)), 100));
        }
        // hours 12..19 at 200: the window starting 12:00 averages 200
        for (int h = 12; h < 20; h++) {
            hourly.add(new TimedValue(DAY.plus(Duration.ofHours(h)), 200));
        }
        // a high night after the day ends does not count (windows end by 24:00)
        for (int h = 24; h < 30; h++) {
            hourly.add(new TimedValue(DAY.plus(Duration.ofHours(h)), 900));
        }
        assertEquals(Optional.of(200.0), EightHourMeanCalculator.dailyMax(hourly, DAY));
    }

    /** The hourly means of the first {@code hours} hours of the day, all {@code value}. */
    private static List<TimedValue> firstHours(int hours, double value) {
        List<TimedValue> out = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            out.add(new TimedValue(DAY.plus(Duration.ofHours(h)), value));
        }
        return out;
    }

    /**
     * HJ 663-2013: the daily max 8-h needs ≥ 14 valid 8-h means among the 17 windows ending 08:00 … 24:00. With
     * the hours 00:00 … n−1 present (n ≤ 22), the windows starting 00:00 … n−6 have ≥ 6 hourly means: n − 5 are valid.
     */
    @ParameterizedTest(name = "{0} hours of data → {1} valid 8-h means → daily max valid {2}")
    @CsvSource(textBlock = """
            18, 13, false
            19, 14, true
            22, 17, true
            """)
    void dailyMaxEightHourNeeds14ValidEightHourMeans(int hours, int windows, boolean valid) {
        assertEquals(windows, hours - 5);
        Optional<Double> max = EightHourMeanCalculator.dailyMax(firstHours(hours, 100), DAY);
        assertEquals(valid ? Optional.of(100.0) : Optional.empty(), max);
        assertEquals(Optional.empty(), EightHourMeanCalculator.dailyMax(List.of(), DAY));
    }

    @Test
    void aDailyMaxOverTheLimitCountsWithFewerWindows() {
        // 13 valid 8-h means: more data could only raise the maximum, so one over the limit already stands
        assertEquals(Optional.of(200.0), EightHourMeanCalculator.dailyMax(firstHours(18, 200), DAY, 160));
        assertEquals(Optional.empty(), EightHourMeanCalculator.dailyMax(firstHours(18, 160), DAY, 160),
                "at the limit is not over it");
        assertEquals(Optional.empty(), EightHourMeanCalculator.dailyMax(firstHours(18, 200), DAY),
                "without a limit, 14 windows are needed");
        assertEquals(Optional.of(100.0), EightHourMeanCalculator.dailyMax(firstHours(19, 100), DAY, 160),
                "with 14 windows the maximum stands whatever its value");
    }

    @Test
    void dailyMaxEightHourSkipsInvalidWindows() {
        // 00:00–18:59 at 50 (windows starting 00:00–13:00 valid: 14), and 900 at 23:00: the window starting 16:00
        // holds 16, 17, 18 and 23 only (4 < 6), so the 900 never competes
        List<TimedValue> hourly = new ArrayList<>(firstHours(19, 50));
        hourly.add(new TimedValue(DAY.plus(Duration.ofHours(23)), 900));
        assertEquals(Optional.of(50.0), EightHourMeanCalculator.dailyMax(hourly, DAY));
    }
}
