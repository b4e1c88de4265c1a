package io.envmon.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepeatedFailuresTest {

    final Instant t0 = Instant.parse("2026-12-05T00:00:00Z");
    final RepeatedFailures failures = new RepeatedFailures(Duration.ofMinutes(5));

    @Test
    void warnsOnTheFirstOnEachChangeAndEveryFiveMinutesWithTheCountBetween() {
        assertEquals(0, failures.failed("refused", t0));
        assertEquals(-1, failures.failed("refused", t0.plusSeconds(30)));
        assertEquals(-1, failures.failed("refused", t0.plusSeconds(60)));
        assertEquals(0, failures.failed("expired", t0.plusSeconds(90)), "a new cause at once");
        assertEquals(-1, failures.failed("expired", t0.plusSeconds(120)));
        assertEquals(-1, failures.failed("expired", t0.plusSeconds(389)));
        assertEquals(2, failures.failed("expired", t0.plusSeconds(390)), "the reminder counts the unshown ones");
        assertEquals(-1, failures.failed("expired", t0.plusSeconds(420)));
    }

    @Test
    void aSuccessMakesTheNextFailureAFirstOne() {
        assertEquals(0, failures.failed("refused", t0));
        failures.succeeded();
        assertEquals(0, failures.failed("refused", t0.plusSeconds(10)));
    }
}
