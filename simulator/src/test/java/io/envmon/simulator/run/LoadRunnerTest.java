package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import io.envmon.simulator.scenario.PointEffects;
import io.envmon.simulator.sink.PayloadReadings;
import io.envmon.simulator.values.ValueModelFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The load runner's sender threads, each with its own simulated clock (so its schedule is exact whatever the
 * thread scheduling) and its own recording transport.
 */
class LoadRunnerTest {

    private static final Registry REGISTRY = new DistrictRegistryGenerator().generate(2026).registry();
    private static final Instant WALL = Instant.parse("2026-11-28T02:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final StringWriter out = new StringWriter();

    private List<PointFeed> feeds(int batch, LedgerRecorder ledger) {
        ValueModelFactory models = new ValueModelFactory(REGISTRY, 1);
        List<PointFeed> feeds = new ArrayList<>();
        for (MonitoredPoint p : REGISTRY.points()) {
            feeds.add(new PointFeed(p, LoadRunner.topic(p, "env"), models.create(p), batch, new ReadingCodec(),
                    PointEffects.none(p), ledger));
        }
        return feeds;
    }

    /** One transport per lane, each on its own clock, costing {@code costs[i]} per message. */
    private static List<RecordingTransport> transports(List<FakePacer> clocks, Duration... costs) {
        List<RecordingTransport> transports = new ArrayList<>();
        for (int i = 0; i < costs.length; i++) {
            clocks.add(new FakePacer(WALL));
            transports.add(new RecordingTransport(clocks.get(i), costs[i]));
        }
        return transports;
    }

    private LoadRunner.Result run(List<PointFeed> feeds, List<RecordingTransport> transports, List<FakePacer> clocks,
                                  LoadTarget target, boolean quiet) throws Exception {
        return new LoadRunner(feeds, List.copyOf(transports), target, new LoadClocks(clocks::get, null),
                LoadReport.text(new PrintWriter(out)), quiet).run(Duration.ZERO);
    }

    private static LoadTarget forDuration(double rate, Duration duration) {
        return new LoadTarget(rate, WALL.minusSeconds(3600), SECOND, duration, null);
    }

    private static LoadTarget forCount(double rate, long count) {
        return new LoadTarget(rate, WALL.minusSeconds(3600), SECOND, null, count);
    }

    @Test
    void threeThreadsTogetherHoldTheTargetRateEverySecond() throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        List<RecordingTransport> transports = transports(clocks, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        LoadRunner.Result r = run(feeds(1, null), transports, clocks, forDuration(1000, Duration.ofSeconds(5)), false);

        // each thread's share (69 of 207 points: 333.3/s) rounds up to one more reading in 5 s
        assertEquals(5000, r.readings(), 3);
        assertEquals(1000, r.achievedRate(), 2);
        assertTrue(r.ok() && r.completed());
        assertTrue(transports.stream().allMatch(t -> t.connected && t.closed));
        Steadiness steady = r.steadiness();
        assertEquals(3, steady.seconds(), "seconds 2 to 4: the first and the last left out");
        assertTrue(steady.min() >= 998 && steady.max() <= 1002, steady.describe());
        assertTrue(steady.held(), steady.describe());
        String text = out.toString();
        assertTrue(text.contains("    1s  sent "), text);
        assertTrue(text.contains("    5s  sent "), text);
        assertTrue(text.contains("5001 messages over 3 connections"), text);
        assertTrue(text.matches("(?s).*target 1000 readings/s, achieved 100[01] readings/s.*"), text);
        assertTrue(text.contains("held steadily"), text);
    }

    @Test
    void theJsonReportCarriesTheFiguresOfTheResultOneObjectPerLine() throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        List<RecordingTransport> transports = transports(clocks, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        LoadRunner.Result r = new LoadRunner(feeds(1, null), List.copyOf(transports),
                forDuration(1000, Duration.ofSeconds(5)), new LoadClocks(clocks::get, null),
                LoadReport.json(new PrintWriter(out)), false).run(Duration.ZERO);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(json.readTree(line));
        }
        assertEquals(6, lines.size(), out.toString());
        for (int s = 0; s < 5; s++) {
            assertEquals("second", lines.get(s).path("type").asText());
            assertEquals(s + 1, lines.get(s).path("second").asLong());
        }
        JsonNode summary = lines.get(5);
        assertEquals("summary", summary.path("type").asText());
        assertEquals(r.readings(), summary.path("sent").asLong());
        assertEquals(r.messages(), summary.path("messages").asLong());
        assertEquals(r.acknowledged(), summary.path("acked").asLong());
        assertEquals(0, summary.path("failed").asLong());
        assertEquals(0, summary.path("unacked").asLong());
        assertEquals(3, summary.path("connections").asInt());
        assertEquals(r.wall().toMillis() / 1000.0, summary.path("elapsed").asDouble(), 1e-9);
        assertEquals(1000, summary.path("target").asDouble(), 1e-9);
        assertEquals(r.achievedRate(), summary.path("rate").asDouble(), 0.05);
        assertEquals(r.steadiness().median(), summary.path("median").asLong());
        assertTrue(summary.path("held").asBoolean() && summary.path("completed").asBoolean(), summary.toString());
    }

    @Test
    void eachConnectionIsFedByItsOwnThreadWithItsOwnPoints() throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        List<RecordingTransport> transports = transports(clocks, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        run(feeds(1, null), transports, clocks, forCount(2000, 2070), true);

        List<MonitoredPoint> points = REGISTRY.points();
        for (int k = 0; k < 3; k++) {
            Set<MonitoredPoint> expected = new HashSet<>();
            for (int i = k; i < points.size(); i += 3) {
                expected.add(points.get(i));
            }
            RecordingTransport t = transports.get(k);
            assertEquals(expected, t.sent.stream().map(RecordingTransport.Sent::point).collect(Collectors.toSet()));
            assertEquals(Set.of("load-" + k), t.sent.stream().map(RecordingTransport.Sent::thread).collect(Collectors.toSet()));
        }
    }

    @Test
    void aSlowConnectionSlowsOnlyItsOwnPoints() throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        // the third connection takes 5 ms a message: at most 200/s of its 1000/s share
        List<RecordingTransport> transports = transports(clocks, Duration.ZERO, Duration.ZERO, Duration.ofMillis(5));
        LoadRunner.Result r = run(feeds(1, null), transports, clocks, forDuration(3000, Duration.ofSeconds(5)), true);

        assertEquals(5000, transports.get(0).sent.size(), 2);
        assertEquals(5000, transports.get(1).sent.size(), 2);
        assertEquals(1000, transports.get(2).sent.size(), 2);
        assertEquals(11_000, r.readings(), 5);
        assertFalse(r.steadiness().held(), r.steadiness().describe());
        assertEquals(2200, r.steadiness().median(), 5);
    }

    @Test
    void aCountStopsExactlyAndTheLedgerHoldsWhatWasSent() throws Exception {
        LedgerRecorder ledger = new LedgerRecorder();
        List<FakePacer> clocks = new ArrayList<>();
        List<RecordingTransport> transports = transports(clocks, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        // 2075 readings in batches of 10 over 4 lanes: the last, partial batches are flushed at the end
        LoadRunner.Result r = run(feeds(10, ledger), transports, clocks, forCount(5000, 2075), true);

        assertEquals(2075, r.readings());
        Ledger l = ledger.toLedger("load", List.of(), "env", "PT1S", r.wallFrom(), r.wallTo(), r.acknowledged(),
                r.failed(), List.of());
        assertEquals(2075, l.totals().readings());
        assertEquals(r.messages(), l.totals().messages());
        assertEquals(transports.stream().mapToInt(t -> t.sent.size()).sum(), l.totals().messages());
        PayloadReadings readings = new PayloadReadings();
        Map<String, Integer> sentPerPoint = new HashMap<>();
        for (RecordingTransport t : transports) {
            for (RecordingTransport.Sent s : t.sent) {
                sentPerPoint.merge(s.point().label(), readings.count(s.payload().getBytes(StandardCharsets.UTF_8)), Integer::sum);
            }
        }
        for (Ledger.PointEntry e : l.points()) {
            assertEquals(sentPerPoint.getOrDefault(e.label(), 0).longValue(), e.readings(), e.label());
        }
        assertEquals(WALL.minusSeconds(3600).toString(), l.simulatedFrom());
    }

    @Test
    void aStalledConnectionDoesNotBurstAfterwards() throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        List<RecordingTransport> transports = transports(clocks, Duration.ZERO);
        transports.get(0).stallingAt(150, Duration.ofSeconds(3));
        LoadRunner.Result r = run(feeds(1, null), transports, clocks, forDuration(100, Duration.ofSeconds(10)), true);

        // 3 of the 10 seconds lost, and no second above the rate to make up for them
        assertEquals(700, r.readings(), 2);
        assertTrue(r.steadiness().max() <= 101, r.steadiness().describe());
        assertEquals(0, r.steadiness().min(), r.steadiness().describe());
    }

    @Test
    void aSlowBrokerLowersTheAchievedRate() throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        List<RecordingTransport> transports = transports(clocks, Duration.ofMillis(2));
        LoadRunner.Result r = run(feeds(10, null), transports, clocks, forCount(10_000, 2070), true);
        assertEquals(2070, r.readings());
        assertEquals(207, r.messages());
        assertTrue(r.achievedRate() < 10_000, "achieved " + r.achievedRate());
    }

    /** 500 readings/s on one connection for 2 s of warm-up and 4 measured, message {@code stallAt} stalling. */
    private LoadRunner.Result warmUpRun(int stallAt, Duration stall, boolean quiet) throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        List<RecordingTransport> transports = transports(clocks, Duration.ZERO);
        transports.get(0).stallingAt(stallAt, stall);
        LoadTarget target = new LoadTarget(500, WALL.minusSeconds(3600), SECOND, Duration.ofSeconds(4), null,
                Duration.ofSeconds(2));
        return run(feeds(1, null), transports, clocks, target, quiet);
    }

    @Test
    void theWarmUpIsSentButLeftOutOfTheRateAndTheFigures() throws Exception {
        // the first message takes 1.9 s (a cold start), then the connection keeps up
        LoadRunner.Result r = warmUpRun(1, Duration.ofMillis(1900), false);

        assertEquals(2000 + 1 + 50, r.readings(), 2);
        assertEquals(500, r.achievedRate(), 1);
        assertEquals(2, r.steadiness().seconds());
        assertTrue(r.steadiness().held(), r.steadiness().describe());
        String text = out.toString();
        assertTrue(text.contains("    2s  sent      51 readings /     51 msgs in that second, acknowledged 2051 msgs, "
                + "average 26 readings/s  (warm-up)"), text);
        assertTrue(text.contains("    3s  sent     500 readings /    500 msgs in that second, acknowledged 2051 msgs, "
                + "average 500 readings/s\n"), text);
        assertTrue(text.contains("in 6.0 s (the first 2 s warming up, not in the rate): target 500 readings/s, achieved 500"), text);
    }

    @Test
    void whatTheWarmUpFellBehindIsNotMadeUpInTheMeasuredSeconds() throws Exception {
        // message 990 (due at 1.978 s) takes 0.5 s: the lane is half a second behind when the warm-up ends at 2 s
        LoadRunner.Result r = warmUpRun(990, Duration.ofMillis(500), true);

        // the first measured second goes on at the rate from 2.478 s instead of bursting the missed 249 readings
        assertEquals(989 + 262 + 3 * 500, r.readings());
        assertEquals(1762 / 3.998, r.achievedRate(), 0.5);
        assertEquals(500, r.steadiness().max());
    }

    @Test
    void batchesOfStaggeredFeedsFlowEvenly() throws Exception {
        ValueModelFactory models = new ValueModelFactory(REGISTRY, 1);
        List<PointFeed> feeds = new ArrayList<>();
        List<MonitoredPoint> points = REGISTRY.points();
        for (int i = 0; i < points.size(); i++) {
            MonitoredPoint p = points.get(i);
            feeds.add(new PointFeed(p, LoadRunner.topic(p, "env"), models.create(p), 20, new ReadingCodec())
                    .withFirstBatchOf(1 + i % 20));
        }
        List<FakePacer> clocks = new ArrayList<>();
        LoadTarget target = new LoadTarget(5000, WALL.minusSeconds(3600), SECOND, Duration.ofSeconds(6), null,
                Duration.ofSeconds(1));
        LoadRunner.Result r = run(feeds, transports(clocks, Duration.ZERO), clocks, target, true);

        // within a few messages of 20 readings; all points filling their batches on the same tick would send 4140
        // readings at once, ±20 % a second
        Steadiness s = r.steadiness();
        assertTrue(s.min() >= 4900 && s.max() <= 5100, s.describe());
        // the readings made in the warm-up but sent after it do not count: the rate is the one made
        assertEquals(5000, r.achievedRate(), 5);
    }

    @Test
    void oneConnectionPrintsEachSecondsCounts() throws Exception {
        List<FakePacer> clocks = new ArrayList<>();
        run(feeds(1, null), transports(clocks, Duration.ZERO), clocks, forDuration(500, Duration.ofSeconds(3)), false);
        String text = out.toString();
        assertTrue(text.contains("    1s  sent     500 readings /    500 msgs in that second, acknowledged 1500 msgs, "
                + "average 500 readings/s"), text);
        assertTrue(text.contains("    3s  sent     500 readings"), text);
        assertTrue(text.contains("per full second (1 s, first and last left out): min 500, median 500, max 500"), text);
    }
}
