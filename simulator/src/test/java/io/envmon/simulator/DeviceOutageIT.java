package io.envmon.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.simulator.cli.SimulatorCommand;
import io.envmon.simulator.cli.VerifyCommand;
import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.verify.HttpInfluxQuery;
import io.envmon.simulator.verify.VerifyReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Devices behave like devices (docs/simulator.md, "Devices and connections"): a live {@code run} of the default registry, one connection per site,
 * while the broker goes away for 8 seconds. The devices keep their readings, send them as batches when their
 * connections are back, and {@code verify} finds every reading stored.
 */
class DeviceOutageIT {

    @TempDir
    Path tmp;

    @Test
    void devicesKeepTheirReadingsWhileTheBrokerIsAwayAndNothingIsLost() throws Exception {
        try (ServiceUnderTest service = ServiceUnderTest.start("envmon-ingest-outage-it")) {
            Path ledgerFile = tmp.resolve("ledger.json");
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new SimulatorCommand());
            cli.setOut(new PrintWriter(out, true));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute("run",
                    "--registry", ServiceUnderTest.REGISTRY.toString(), "--mqtt-url", service.mqtt.url(),
                    "--speed", "60", "--count", "40", "--ledger", ledgerFile.toString(), "--quiet"));
            HttpInfluxQuery influx = new HttpInfluxQuery(service.influx.url(), ServiceUnderTest.DB, null, null, null);
            await("first readings stored").atMost(Duration.ofSeconds(120))
                    .until(() -> influx.query("SELECT count(pm25) FROM air").path("results").path(0).has("series"));

            service.mqtt.stop();
            Instant down = Instant.now();
            // 8 s of the run's schedule (8 readings a device); the ceiling is no bound on anything
            await("an 8 s outage").atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(down.plusSeconds(8)));
            service.mqtt.start();

            int exit = run.get(3, TimeUnit.MINUTES);
            System.out.println(out);
            assertEquals(0, exit, out.toString());
            Ledger ledger = Ledger.read(ledgerFile);
            assertEquals(207L * 40, ledger.totals().readings());
            assertEquals(0, ledger.totals().lostAtDevice());
            // fewer messages than readings: what was kept during the outage left as batches (how many readings a
            // device kept depends on how the machine kept pace with the schedule, so no number is asserted)
            Ledger.PointEntry a01 = ledger.points().stream().filter(p -> p.label().equals("TG-A01")).findFirst().orElseThrow();
            assertTrue(a01.messages() < a01.readings(), a01.toString());
            assertTrue(ledger.totals().messages() < ledger.totals().readings(), ledger.totals().toString());

            VerifyReport report = VerifyCommand.verify(ledger, influx, Duration.ofSeconds(60));
            System.out.println(report.format());
            assertEquals(0, report.missing(), report.format());
            assertEquals(ledger.totals().expectedStored(), report.stored(), report.format());
            assertTrue(report.ok(), report.format());
        }
    }
}
