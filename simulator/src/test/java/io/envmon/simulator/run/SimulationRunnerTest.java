package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.Decoded;
import io.envmon.model.Reading;
import io.envmon.model.ReadingCodec;
import io.envmon.model.RejectedException;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import io.envmon.simulator.values.ValueModelFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulationRunnerTest {

    private static final Registry REGISTRY = new DistrictRegistryGenerator().generate(2026).registry();
    private static final Instant WALL = Instant.parse("2026-11-28T02:00:17.250Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final ReadingCodec codec = new ReadingCodec();

    /**
     * start: "default" (StartTimeRule), "past" (two days back) or "future" (one hour ahead);
     * count or duration bounds the run; cost is the wall time each publication takes.
     */
    @ParameterizedTest
    @CsvSource({
            "1, default, 5, , 0",
            "60, default, 30, , 0",
            "60, default, , 5m, 2",
            "3600, default, 200, , 0",
            "100000, default, , 2s, 1",
            "60, past, , 3m, 0",
            "3600, past, 100, , 5",
            "60, future, 70, , 0",
            "86400, future, , 2h, 0"})
    void timestampsNeverRunAheadOfTheWallClock(double speed, String start, Long count, String duration, long costMillis) {
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport transport = new RecordingTransport(pacer, Duration.ofMillis(costMillis));
        Duration wallDuration = duration == null ? null : Duration.parse("PT" + duration.toUpperCase());
        Instant simStart = switch (start) {
            case "past" -> WALL.minus(Duration.ofDays(2));
            case "future" -> WALL.plus(Duration.ofHours(1));
            default -> StartTimeRule.defaultStart(WALL, MINUTE, speed, wallDuration, count);
        };
        List<MonitoredPoint> points = REGISTRY.points().subList(0, 40);
        PublishSchedule schedule = new PublishSchedule(simStart, WALL, MINUTE, speed, points.size());
        Instant wallEnd = wallDuration == null ? null : WALL.plus(wallDuration);
        boolean completed = new SimulationRunner(feeds(points, 1), schedule, wallEnd, count, pacer, transport, new RunStats()).run();

        assertTrue(completed);
        assertFalse(transport.sent.isEmpty());
        for (RecordingTransport.Sent sent : transport.sent) {
            Instant ts = decode(sent.payload()).get(0).ts();
            assertFalse(ts.isAfter(sent.wallTime()), "reading of " + ts + " sent at " + sent.wallTime());
        }
        if (count != null) {
            assertEquals(count * points.size(), transport.sent.size());
        }
        if (wallEnd != null) {
            assertFalse(transport.sent.get(transport.sent.size() - 1).wallTime().isAfter(wallEnd.plusMillis(costMillis)));
        }
    }

    @Test
    void aDefaultStartedFastRunEndsAtTheWallClock() {
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport transport = new RecordingTransport(pacer, Duration.ZERO);
        List<MonitoredPoint> points = REGISTRY.points().subList(0, 20);
        Instant simStart = StartTimeRule.defaultStart(WALL, MINUTE, 60, Duration.ofMinutes(10), null);
        new SimulationRunner(feeds(points, 1), new PublishSchedule(simStart, WALL, MINUTE, 60, points.size()),
                WALL.plus(Duration.ofMinutes(10)), null, pacer, transport, new RunStats()).run();
        RecordingTransport.Sent last = transport.sent.get(transport.sent.size() - 1);
        Duration lag = Duration.between(decode(last.payload()).get(0).ts(), last.wallTime());
        assertTrue(!lag.isNegative() && lag.compareTo(Duration.ofMinutes(2)) < 0, "last reading lags the wall clock by " + lag);
        assertEquals(600 * 20, transport.sent.size(), "one reading per point per wall second for 10 minutes");
    }

    @Test
    void thePointsOfOneIntervalAreSpreadEvenly() {
        PublishSchedule schedule = new PublishSchedule(WALL.minus(Duration.ofDays(1)), WALL, MINUTE, 60, 300);
        Instant previous = null;
        for (int slot = 0; slot < 300; slot++) {
            Instant due = schedule.due(5, slot);
            if (previous != null) {
                long gapMicros = Duration.between(previous, due).toNanos() / 1000;
                assertTrue(Math.abs(gapMicros - 3333) <= 1, "gap " + gapMicros + " µs");
            }
            previous = due;
        }
        assertEquals(WALL.plusSeconds(5), schedule.due(5, 0));
        assertEquals(WALL.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)), schedule.timestamp(5));
    }

    @Test
    void batchesCarryUpToNReadingsOfOnePointNumberedBySeq() {
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport transport = new RecordingTransport(pacer, Duration.ZERO);
        List<MonitoredPoint> points = REGISTRY.points().subList(0, 12);
        PublishSchedule schedule = new PublishSchedule(WALL.minus(Duration.ofDays(1)), WALL, MINUTE, 3600, points.size());
        new SimulationRunner(feeds(points, 5), schedule, null, 12L, pacer, transport, new RunStats()).run();

        // 12 readings per point in batches of 5: 5 + 5 + 2 (flushed at the end)
        assertEquals(3 * points.size(), transport.sent.size());
        Map<String, List<Reading>> byTopic = new HashMap<>();
        for (RecordingTransport.Sent sent : transport.sent) {
            assertTrue(sent.payload().startsWith("{\"readings\":["), sent.payload());
            byTopic.computeIfAbsent(sent.topic(), t -> new ArrayList<>()).addAll(decode(sent.payload()));
        }
        assertEquals(points.size(), byTopic.size());
        byTopic.values().forEach(readings -> {
            assertEquals(12, readings.size());
            for (int i = 0; i < readings.size(); i++) {
                assertEquals(i + 1, readings.get(i).seq());
                assertEquals(WALL.minus(Duration.ofDays(1)).plus(MINUTE.multipliedBy(i)), readings.get(i).ts());
            }
        });
    }

    @Test
    void aWholeSimulationPublishesToTheContractTopicsAndReportsTotals() throws Exception {
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport transport = new RecordingTransport(pacer, Duration.ZERO);
        StringWriter output = new StringWriter();
        RunConfig config = new RunConfig(MINUTE, 60, Instant.parse("2026-11-28T00:00:00+08:00"), null, 2L, 1, 1, "env",
                false, Duration.ofSeconds(5), Duration.ofSeconds(1));
        Simulation.Outcome outcome = new Simulation(REGISTRY, config, transport, pacer, new PrintWriter(output)).run();

        assertTrue(outcome.ok() && outcome.completed());
        assertTrue(transport.connected && transport.closed);
        int points = REGISTRY.points().size();
        assertEquals(2L * points, outcome.totals().messages());
        assertEquals(2L * points, outcome.totals().acknowledged());
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/air/TG-A01")));
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/water/WMH-04")));
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/enterprise/E109/DA001")));
        assertEquals("{\"ts\":\"2026-11-27T16:00:00Z\"", transport.sent.get(0).payload().substring(0, 28));
        assertTrue(output.toString().contains("done: " + 2 * points + " messages"), output.toString());
    }

    private List<PointFeed> feeds(List<MonitoredPoint> points, int batch) {
        ValueModelFactory models = new ValueModelFactory(REGISTRY, 1);
        List<PointFeed> feeds = new ArrayList<>();
        for (MonitoredPoint p : points) {
            feeds.add(new PointFeed(p, "env/" + p.label(), models.create(p), batch, codec));
        }
        return feeds;
    }

    private List<Reading> decode(String payload) {
        try {
            List<Reading> readings = new ArrayList<>();
            for (Decoded d : codec.decode(payload.getBytes(StandardCharsets.UTF_8)).readings()) {
                readings.add(((Decoded.Ok) d).reading());
            }
            return readings;
        } catch (RejectedException e) {
            throw new AssertionError(payload, e);
        }
    }
}
