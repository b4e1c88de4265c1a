package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import io.envmon.simulator.scenario.ScenarioSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Devices that lose their connection keep their readings and send them as batches when it is back. */
class DeviceBufferingTest {

    private static final Registry REGISTRY = new DistrictRegistryGenerator().generate(2026).registry();
    private static final Instant WALL = Instant.parse("2026-11-28T02:00:00Z");
    private static final Instant START = Instant.parse("2026-11-27T00:00:00+08:00");
    private static final Pattern TS = Pattern.compile("\"ts\":\"([^\"]+)\"");

    /** Every point reports once per wall second (speed 60, 1-minute interval); TG-A01 is cut off from 10 s to 40 s. */
    private Run run(DeviceBuffer buffer) throws Exception {
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport transport = new RecordingTransport(pacer, Duration.ZERO) {
            @Override
            public boolean isConnected(MonitoredPoint point) {
                long second = Duration.between(WALL, pacer.now()).toSeconds();
                return !point.site().equals("TG-A01") || second < 10 || second >= 40;
            }
        };
        LedgerRecorder recorder = new LedgerRecorder();
        RunConfig config = new RunConfig(Duration.ofMinutes(1), 60, START, null, 60L, 1, 1, "env", true,
                Duration.ofSeconds(5), Duration.ofSeconds(1), buffer);
        Simulation.Outcome outcome = new Simulation(REGISTRY, config, transport, pacer, new PrintWriter(new StringWriter()),
                ScenarioSet.none(), recorder).run();
        assertTrue(outcome.ok());
        Ledger ledger = recorder.toLedger("run", List.of(), "env", "PT1M", WALL, pacer.now(), 0, 0, List.of());
        return new Run(transport.sent.stream().filter(s -> s.topic().equals("env/air/TG-A01")).toList(), ledger);
    }

    private record Run(List<RecordingTransport.Sent> a01, Ledger ledger) {
        Ledger.PointEntry entry(String label) {
            return ledger.points().stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow();
        }
    }

    @Test
    void anOfflineDeviceSendsItsBacklogAsOneBatchWhenItsConnectionIsBack() throws Exception {
        Run run = run(DeviceBuffer.DEFAULT);
        // nothing while offline (wall seconds 10..39)
        assertTrue(run.a01().stream().noneMatch(s -> s.wallTime().isAfter(WALL.plusSeconds(9))
                && s.wallTime().isBefore(WALL.plusSeconds(40))));
        // at 40 s: the 30 kept readings in one batch, oldest first, then the reading of minute 40 on its own
        List<RecordingTransport.Sent> at40 = run.a01().stream().filter(s -> s.wallTime().equals(WALL.plusSeconds(40))).toList();
        assertEquals(2, at40.size());
        List<String> kept = stamps(at40.get(0).payload());
        assertTrue(at40.get(0).payload().startsWith("{\"readings\":"), at40.get(0).payload());
        assertEquals(30, kept.size());
        assertEquals(START.plus(Duration.ofMinutes(10)).toString(), kept.get(0));
        assertEquals(START.plus(Duration.ofMinutes(39)).toString(), kept.get(29));
        assertEquals(List.of(START.plus(Duration.ofMinutes(40)).toString()), stamps(at40.get(1).payload()));
        // nothing lost: 60 readings in 10 + 2 + 19 messages; the other stations were not held up
        assertEquals(60, run.entry("TG-A01").readings());
        assertEquals(10 + 2 + 19, run.entry("TG-A01").messages());
        assertEquals(60, run.entry("TG-A02").messages());
        assertEquals(0, run.ledger().totals().lostAtDevice());
    }

    @Test
    void aFullDeviceBufferOverwritesItsOldestReadingsAndTheLedgerSaysSo() throws Exception {
        Run run = run(new DeviceBuffer(5, 60));
        List<String> kept = stamps(run.a01().stream().filter(s -> s.wallTime().equals(WALL.plusSeconds(40)))
                .findFirst().orElseThrow().payload());
        assertEquals(5, kept.size());
        assertEquals(START.plus(Duration.ofMinutes(35)).toString(), kept.get(0), "the newest five survive");
        assertEquals(25, run.entry("TG-A01").lostAtDevice());
        assertEquals(35, run.entry("TG-A01").readings(), "60 measured, 25 never sent");
        assertEquals(25, run.ledger().totals().lostAtDevice());
    }

    @Test
    void aDeviceStillOfflineAtTheEndHandsItsBacklogOverForTheDrain() throws Exception {
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport transport = new RecordingTransport(pacer, Duration.ZERO) {
            @Override
            public boolean isConnected(MonitoredPoint point) {
                return !point.site().equals("TG-A01");
            }
        };
        RunConfig config = new RunConfig(Duration.ofMinutes(1), 60, START, null, 10L, 1, 1, "env", true,
                Duration.ofSeconds(5), Duration.ofSeconds(1));
        new Simulation(REGISTRY, config, transport, pacer, new PrintWriter(new StringWriter())).run();
        List<RecordingTransport.Sent> a01 = transport.sent.stream().filter(s -> s.topic().equals("env/air/TG-A01")).toList();
        assertEquals(1, a01.size());
        assertEquals(10, stamps(a01.get(0).payload()).size());
    }

    private static List<String> stamps(String payload) {
        Matcher m = TS.matcher(payload);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
