package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.Registry;
import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import io.envmon.simulator.scenario.ScenarioFiles;
import io.envmon.simulator.scenario.ScenarioSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay-like run with scenarios: what goes on the wire and what the ledger says about it. */
class ScenarioSimulationTest {

    private static final Registry REGISTRY = new DistrictRegistryGenerator().generate(2026).registry();
    private static final Instant WALL = Instant.parse("2026-11-28T02:00:17.250Z");
    private static final Instant START = Instant.parse("2026-11-20T00:00:00+08:00");

    @TempDir
    Path tmp;

    @Test
    void badInputAndDeviceFaultsAreSentAndLedgeredAsTheirFilesState() throws Exception {
        ScenarioSet scenarios = ScenarioFiles.load(Path.of("../config/scenarios"), List.of("bad-input", "device-faults"));
        FakePacer pacer = new FakePacer(WALL);
        RecordingTransport transport = new RecordingTransport(pacer, Duration.ZERO);
        LedgerRecorder recorder = new LedgerRecorder();
        RunConfig config = new RunConfig(Duration.ofMinutes(1), Double.POSITIVE_INFINITY, START, null, 180L, 1, 1, "env",
                true, Duration.ofSeconds(5), Duration.ofSeconds(1));
        Simulation.Outcome outcome = new Simulation(REGISTRY, config, transport, pacer, new PrintWriter(new StringWriter()),
                scenarios, recorder).run();
        assertTrue(outcome.ok());

        Ledger ledger = recorder.toLedger("replay", scenarios.names(), "env", "PT1M", outcome.wallStart(),
                outcome.wallEnd(), outcome.totals().acknowledged(), outcome.totals().failed(),
                scenarios.expectedAlerts(Duration.ofHours(3), false));
        // what the files state is exactly what was sent
        assertEquals(scenarios.statedRejections(), ledger.expectedRejections());
        int points = REGISTRY.points().size();
        assertEquals(points * 180L - 30, ledger.totals().readings(), "TG-A07 silent for 30 minutes");
        assertEquals(ledger.totals().readings() - 3 - 20, ledger.totals().expectedStored(),
                "3 out of range, 20 overwritten by TG-A06's clock running 20 min behind");
        Ledger.PointEntry a06 = entry(ledger, "TG-A06");
        assertEquals(List.of(180L, 20L, 160L), List.of(a06.readings(), a06.overwritten(), a06.expectedStored()));
        assertEquals(10, ledger.totals().injected());
        assertEquals(ledger.totals().messages(), outcome.totals().messages());
        Ledger.PointEntry a07 = entry(ledger, "TG-A07");
        assertEquals(150, a07.readings());
        assertEquals(Map.of("station", "TG-A07"), a07.tags());
        assertEquals(3, entry(ledger, "TG-A10").expectedRejected());
        assertEquals(Map.of("enterprise", "E001", "outlet", "DA001"), entry(ledger, "E001/DA001").tags());
        assertEquals("emission", entry(ledger, "E001/DA001").measurement());
        assertEquals("2026-11-19T16:00:00Z", ledger.simulatedFrom());
        assertEquals("2026-11-19T18:59:00Z", ledger.simulatedTo());

        // the injected messages on the wire
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/air/TG-A01/extra")));
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/air/TG-X99")
                && s.payload().contains("\"ts\": \"2026-11-19T16:20:00Z\"")));
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/air/TG-A03") && s.payload().length() > 65_536));
        assertTrue(transport.sent.stream().anyMatch(s -> s.payload().contains("\"ts\": \"" + "20")
                && s.topic().equals("env/air/TG-A04") && !s.payload().contains("2026-11-19")));
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/air/TG-A10") && s.payload().contains("\"pm25\":-5.0")));
        // TG-A06's reading of 02:00 local (+2h) leaves stamped 01:40 local, its seq telling it is the 121st
        assertTrue(transport.sent.stream().anyMatch(s -> s.topic().equals("env/air/TG-A06")
                && s.payload().contains("\"ts\":\"2026-11-19T17:40:00Z\"") && s.payload().contains("\"seq\":121")),
                () -> transport.sent.stream().filter(s -> s.topic().equals("env/air/TG-A06")).skip(120).findFirst().orElseThrow().payload());

        // the ledger survives its JSON file
        Path file = tmp.resolve("ledger.json");
        ledger.write(file);
        assertEquals(ledger, Ledger.read(file));
    }

    private static Ledger.PointEntry entry(Ledger ledger, String label) {
        return ledger.points().stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow();
    }
}
