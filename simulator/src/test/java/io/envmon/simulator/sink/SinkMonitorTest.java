package io.envmon.simulator.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.simulator.run.FakePacer;
import io.envmon.simulator.run.Pacer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SinkMonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");

    private final SinkCounts counts = new SinkCounts();
    private final StringWriter out = new StringWriter();

    /** A simulated clock on which scripted messages of 100 bytes arrive as time passes them. */
    private final class Arrivals implements Pacer {
        private final FakePacer clock = new FakePacer(T0);
        private final Deque<Instant> due = new ArrayDeque<>();

        Arrivals every(Duration step, Instant from, Instant to) {
            for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
                due.add(t);
            }
            return this;
        }

        @Override
        public Instant now() {
            return clock.now();
        }

        @Override
        public void sleepUntil(Instant wallTime) {
            while (!due.isEmpty() && !due.peek().isAfter(wallTime)) {
                counts.arrived(100, 1, due.poll());
            }
            clock.sleepUntil(wallTime);
        }
    }

    private SinkMonitor.Outcome run(Pacer pacer, SinkMonitor.Limits limits, AtomicReference<String> lost) {
        return new SinkMonitor(counts, pacer, new PrintWriter(out), false, true, limits, lost::get).run();
    }

    @Test
    void stopsWhenIdleAfterTheFirstMessageAndPrintsEachSecond() {
        // nothing for 2.5 s (not idle yet: no first message), then 10 messages a second for 3 s
        Arrivals arrivals = new Arrivals().every(Duration.ofMillis(100), T0.plusMillis(2500), T0.plusMillis(5500));
        SinkMonitor.Outcome outcome = run(arrivals, new SinkMonitor.Limits(null, Duration.ofSeconds(2)), new AtomicReference<>());

        assertEquals(30, outcome.totals().messages());
        assertEquals(30, outcome.totals().readings());
        assertEquals(T0.plusMillis(5400).plusSeconds(2), arrivals.now(), "stops 2 s after the last message");
        assertTrue(outcome.ok());
        String text = out.toString();
        assertTrue(text.contains("    2s  received       0 msgs/s (0 readings/s), 0 B/s; total 0 msgs, 0 readings, 0 B"), text);
        assertTrue(text.contains("    4s  received      10 msgs/s (10 readings/s), 1000 B/s; total 16 msgs, 16 readings, 1600 B"), text);
        assertTrue(text.contains("done (no message for 2s): received 30 messages, 30 readings, 3000 B in 2.9 s from the first "
                + "to the last message (10 msgs/s); unreadable payloads 0"), text);
    }

    @Test
    void stopsAfterTheDurationEvenWithoutMessages() {
        FakePacer clock = new FakePacer(T0);
        SinkMonitor.Outcome outcome = run(clock, new SinkMonitor.Limits(Duration.ofSeconds(3), Duration.ofSeconds(1)),
                new AtomicReference<>());
        assertEquals(T0.plusSeconds(3), clock.now());
        assertEquals("--duration 3s elapsed", outcome.stopReason());
        assertTrue(out.toString().contains("done (--duration 3s elapsed): received 0 messages, 0 readings, 0 B"), out.toString());
    }

    @Test
    void aLostConnectionEndsTheRunAsAFailure() {
        AtomicReference<String> lost = new AtomicReference<>("broker gone");
        SinkMonitor.Outcome outcome = run(new FakePacer(T0), new SinkMonitor.Limits(null, null), lost);
        assertEquals("connection lost: broker gone", outcome.stopReason());
        assertTrue(!outcome.ok());
    }
}
