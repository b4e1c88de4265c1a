package io.envmon.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.envmon.model.Backoff.Jitter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private static final Backoff EQUAL = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Jitter.EQUAL);

    @ParameterizedTest(name = "retry {0}: {1} ms")
    @CsvSource({"0, 200", "1, 400", "2, 800", "5, 6400", "6, 10000", "7, 10000", "62, 10000", "1000, 10000",
            "-1, 200"})
    void doublesUpToTheCap(int retry, long millis) {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), Jitter.NONE);
        assertEquals(Duration.ofMillis(millis), b.delay(retry, 0.5));
    }

    @ParameterizedTest(name = "retry {0}: {1}–{2} ms")
    @CsvSource({"0, 500, 1000", "1, 1000, 2000", "8, 128000, 256000", "9, 150000, 300000", "999, 150000, 300000"})
    void equalJitterIsBetweenHalfAndAll(int retry, long lowest, long highest) {
        assertEquals(Duration.ofMillis(lowest), EQUAL.delay(retry, 0.0));
        assertEquals(Duration.ofMillis(highest), EQUAL.delay(retry, 1.0));
    }

    @Test
    void twentyPercentJitterStaysUnderTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), Jitter.TWENTY_PERCENT);
        assertEquals(Duration.ofMillis(160), b.delay(0, 0.0));
        assertEquals(Duration.ofMillis(240), b.delay(0, 1.0));
        assertEquals(Duration.ofSeconds(24), b.delay(20, 0.0));
        assertEquals(Duration.ofSeconds(30), b.delay(20, 1.0), "never beyond the cap");
    }

    @Test
    void aMaxBelowInitialCapsEveryDelay() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofMillis(100), Jitter.NONE);
        assertEquals(Duration.ofMillis(100), b.delay(0, 0.5));
    }

    @Test
    void retryAfterIsHonouredWhenLongerUpToTheCap() {
        assertEquals(Duration.ofSeconds(30), EQUAL.delay(0, Duration.ofSeconds(30), 0.5));
        assertEquals(Duration.ofMillis(750), EQUAL.delay(0, Duration.ofMillis(100), 0.5), "backoff when longer");
        assertEquals(Duration.ofMinutes(5), EQUAL.delay(0, Duration.ofHours(3), 0.5), "never beyond the cap");
        assertEquals(Duration.ofMillis(750), EQUAL.delay(0, null, 0.5));
        assertEquals(Duration.ofMillis(750), EQUAL.delay(0, Duration.ofSeconds(-5), 0.5));
    }

    @Test
    void refusesDelaysUnderAMillisecond() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Jitter.NONE));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ZERO, Jitter.NONE));
    }
}
