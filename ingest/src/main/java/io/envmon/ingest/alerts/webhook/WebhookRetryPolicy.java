package io.envmon.ingest.alerts.webhook;

import io.envmon.model.Backoff;
import io.envmon.model.Backoff.Jitter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What an answer means and how long to wait before the next attempt. Pure functions: the caller supplies the
 * random number and the time.
 */
public record WebhookRetryPolicy(Duration initial, Duration max) {

    /** What to do with the event after one attempt. */
    public enum Verdict {
        /** 2xx: the receiver has it. */
        DELIVERED,
        /** 408, 429, 5xx, no answer (network error, timeout): worth another attempt. */
        RETRY,
        /** Any other status (3xx not followed, 4xx): the same request would be refused again. */
        FAIL
    }

    public WebhookRetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
    }

    public static WebhookRetryPolicy of(WebhooksConfig config) {
        return new WebhookRetryPolicy(config.backoffInitial(), config.backoffMax());
    }

    public static Verdict classify(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.RETRY;
        }
        return Verdict.FAIL;
    }

    /**
     * The wait after failed attempt number {@code attempt} (1 for the first): {@code initial × 2^(attempt−1)},
     * capped at {@code max}, with "equal jitter" (between half and all of it, so that receivers coming back are
     * not hit by every sender at once); at least what the receiver asked for in Retry-After, itself capped at
     * {@code max} ({@link Backoff}).
     *
     * @param random uniform in [0, 1)
     */
    public Duration delay(int attempt, Duration retryAfter, double random) {
        return new Backoff(initial, max, Jitter.EQUAL).delay(attempt - 1, retryAfter, random);
    }

    /** A Retry-After value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); {@code null} when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
