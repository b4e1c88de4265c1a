package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import io.envmon.simulator.values.ValueModelFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    private static final Registry REGISTRY = new DistrictRegistryGenerator().generate(2026).registry();
    private static final Instant WALL = Instant.parse("2026-11-28T02:00:00Z");

    private List<PointFeed> feeds(int batch) {
        ValueModelFactory models = new ValueModelFactory(REGISTRY, 1);
        List<PointFeed> feeds = new ArrayList<>();
        for (MonitoredPoint p : REGISTRY.points()) {
            feeds.add(new PointFeed(p, LoadRunner.topic(p, "env"), models.create(p), batch, new ReadingCodec()));
        }
        return feeds;
    }

    @Test
    void holdsTheTargetRateOverTheDurationAndSpreadsPointsOverConnections() throws Exception {
        FakePacer pacer = new FakePacer(WALL);
        List<RecordingTransport> transports = List.of(new RecordingTransport(pacer, Duration.ZERO),
                new RecordingTransport(pacer, Duration.ZERO), new RecordingTransport(pacer, Duration.ZERO));
        StringWriter out = new StringWriter();
        LoadRunner.Result r = new LoadRunner(feeds(1), List.copyOf(transports), 1000, WALL.minusSeconds(3600),
                Duration.ofSeconds(1), Duration.ofSeconds(5), null, pacer, new PrintWriter(out), false).run(Duration.ZERO);

        assertEquals(5000, r.readings());
        assertEquals(1000, r.achievedRate(), 1);
        assertTrue(r.ok() && r.completed());
        assertTrue(transports.stream().allMatch(t -> t.connected && t.closed));
        // point i on connection i mod 3
        assertEquals(REGISTRY.points().get(0), transports.get(0).sent.get(0).point());
        assertEquals(REGISTRY.points().get(1), transports.get(1).sent.get(0).point());
        String text = out.toString();
        assertTrue(text.contains("    1s  sent "), text);
        assertTrue(text.contains("done: 5000 readings / 5000 messages over 3 connections"), text);
        assertTrue(text.contains("achieved 1000 readings/s"), text);
    }

    @Test
    void aSlowBrokerLowersTheAchievedRateAndACountStopsTheRun() throws Exception {
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport slow = new RecordingTransport(pacer, Duration.ofMillis(2));
        LoadRunner.Result r = new LoadRunner(feeds(10), List.of(slow), 10_000, WALL.minusSeconds(3600),
                Duration.ofSeconds(1), null, 2070L, pacer, new PrintWriter(new StringWriter()), true).run(Duration.ZERO);
        assertEquals(2070, r.readings());
        assertEquals(207, r.messages());
        assertTrue(r.achievedRate() < 10_000, "achieved " + r.achievedRate());
    }
}
