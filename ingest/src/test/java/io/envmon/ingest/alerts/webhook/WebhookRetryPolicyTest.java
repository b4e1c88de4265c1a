package io.envmon.ingest.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.envmon.ingest.alerts.webhook.WebhookRetryPolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookRetryPolicyTest {

    final WebhookRetryPolicy policy = new WebhookRetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "200, DELIVERED", "202, DELIVERED", "204, DELIVERED", "299, DELIVERED",
            "301, FAIL", "302, FAIL", "400, FAIL", "401, FAIL", "403, FAIL", "404, FAIL", "410, FAIL", "413, FAIL",
            "422, FAIL",
            "408, RETRY", "429, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY"})
    void statusesAreClassified(int status, Verdict verdict) {
        assertEquals(verdict, WebhookRetryPolicy.classify(status));
    }

    @ParameterizedTest(name = "after attempt {0}: {1}–{2} ms")
    @CsvSource({
            "1, 500, 1000",
            "2, 1000, 2000",
            "3, 2000, 4000",
            "9, 128000, 256000",
            "10, 150000, 300000",
            "30, 150000, 300000",
            "1000, 150000, 300000"})
    void theDelayDoublesWithEqualJitterUpToTheCap(int attempt, long lowest, long highest) {
        assertEquals(Duration.ofMillis(lowest), policy.delay(attempt, null, 0.0));
        assertEquals(Duration.ofMillis(highest), policy.delay(attempt, null, 1.0));
    }

    @Test
    void retryAfterIsHonouredWhenLongerAndCapped() {
        assertEquals(Duration.ofSeconds(30), policy.delay(1, Duration.ofSeconds(30), 0.5));
        assertEquals(Duration.ofMillis(750), policy.delay(1, Duration.ofMillis(100), 0.5), "backoff when longer");
        assertEquals(Duration.ofMinutes(5), policy.delay(1, Duration.ofHours(3), 0.5), "never beyond the cap");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-28T08:00:00Z");
        assertEquals(Duration.ofSeconds(1), WebhookRetryPolicy.retryAfter("1", now));
        assertEquals(Duration.ofSeconds(120), WebhookRetryPolicy.retryAfter(" 120 ", now));
        assertEquals(Duration.ofSeconds(90), WebhookRetryPolicy.retryAfter("Sat, 28 Nov 2026 08:01:30 GMT", now));
        assertEquals(Duration.ZERO, WebhookRetryPolicy.retryAfter("Sat, 28 Nov 2026 07:00:00 GMT", now));
        assertNull(WebhookRetryPolicy.retryAfter("soon", now));
        assertNull(WebhookRetryPolicy.retryAfter("-5", now));
        assertNull(WebhookRetryPolicy.retryAfter(null, now));
    }
}
