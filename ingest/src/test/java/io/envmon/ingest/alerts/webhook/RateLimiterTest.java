package io.envmon.ingest.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    static final long S = 1_000_000_000L;
    final AtomicLong now = new AtomicLong(1_000 * S);

    @Test
    void twentyAMinuteThenTheTwentyFirstWaitsForTheFirstToLeaveTheWindow() {
        RateLimiter limiter = new RateLimiter(RateLimit.perMinute(20), now::get);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, limiter.delayNanos(), "request " + (i + 1));
            limiter.ended();
            now.addAndGet(S); // one a second
        }
        // 20 ended at t = 0..19 s; now t = 20 s: the 21st may go when the first is a minute old
        assertEquals(40 * S + 1, limiter.delayNanos());
        now.addAndGet(40 * S + 1);
        assertEquals(0, limiter.delayNanos());
    }

    @Test
    void everyWindowIsRespected() {
        RateLimiter limiter = new RateLimiter(new RateLimit(List.of(new RateLimit.Window(100, Duration.ofMinutes(1)),
                new RateLimit.Window(5, Duration.ofSeconds(1)))), now::get);
        for (int i = 0; i < 5; i++) {
            limiter.ended();
        }
        assertEquals(S + 1, limiter.delayNanos(), "five in the same instant: the sixth waits a second");
        now.addAndGet(S + 1);
        assertEquals(0, limiter.delayNanos());
    }

    @Test
    void noLimitNeverWaits() {
        RateLimiter limiter = new RateLimiter(RateLimit.NONE, now::get);
        for (int i = 0; i < 1000; i++) {
            limiter.ended();
        }
        assertEquals(0, limiter.delayNanos());
    }

    @Test
    void maxPerMinuteLowersEveryWindow() {
        RateLimit feishu = new ChannelTarget.Feishu(java.net.URI.create("https://x/"), null).rateLimit();
        RateLimit three = feishu.withPerMinute(3);
        assertTrue(three.windows().contains(new RateLimit.Window(3, Duration.ofMinutes(1))));
        assertTrue(three.windows().contains(new RateLimit.Window(3, Duration.ofSeconds(1))));
        assertEquals("20/1m", RateLimit.perMinute(20).toString());
    }
}
