package io.envmon.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.simulator.cli.SimulatorCommand;
import io.envmon.simulator.cli.VerifyCommand;
import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.verify.HttpInfluxQuery;
import io.envmon.simulator.verify.VerifyReport;
import io.envmon.testkit.FreePorts;
import io.envmon.testkit.InfluxServer;
import io.envmon.testkit.JavaProcess;
import io.envmon.testkit.MosquittoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end: real mosquitto and influxd, the built ingest jar, then {@code replay} of three past hours of the
 * default registry (minute data, batches of 10) with the bad-input and enterprise-exceedance scenarios, then
 * {@code verify}: nothing missing, every bad message rejected with its reason, the permit alert raised.
 */
class ReplayVerifyIT {

    private static final String DB = "env";

    @TempDir
    Path tmp;

    @Test
    void replayedHoursAreAllStoredAndTheScenariosExpectationsAreMet() throws Exception {
        Path config = Path.of(System.getProperty("envmon.config.dir", "../config"));
        Path registry = Path.of(System.getProperty("envmon.registry", "../config/taigu.yaml"));
        Path jar = Path.of(System.getProperty("envmon.ingest.jar", "../ingest/target/envmon-ingest.jar"));
        try (MosquittoServer mqtt = new MosquittoServer().start(); InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase(DB);
            Map<String, String> env = new HashMap<>();
            env.put("ENVMON_MQTT_URL", mqtt.url());
            env.put("ENVMON_MQTT_CLIENT_ID", "envmon-ingest-replay-it");
            env.put("ENVMON_INFLUX_URL", influx.url());
            env.put("ENVMON_INFLUX_API", "v1");
            env.put("ENVMON_INFLUX_BUCKET", DB);
            env.put("ENVMON_REGISTRY", registry.toString());
            env.put("ENVMON_ALERT_RULES", config.resolve("alert-rules.yaml").toString());
            env.put("ENVMON_HTTP_PORT", String.valueOf(FreePorts.next()));
            try (JavaProcess ingest = JavaProcess.start(jar, env)) {
                ingest.waitForOutput("with QoS 1", Duration.ofSeconds(30));

                Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
                Instant from = to.minus(Duration.ofHours(3));
                Path ledgerFile = tmp.resolve("ledger.json");
                StringWriter out = new StringWriter();
                CommandLine cli = new CommandLine(new SimulatorCommand());
                cli.setOut(new PrintWriter(out));
                int replay = cli.execute("replay", "--registry", registry.toString(), "--mqtt-url", mqtt.url(),
                        "--from", from.toString(), "--to", to.toString(), "--interval", "60s", "--batch", "10",
                        "--scenario-dir", config.resolve("scenarios").toString(),
                        "--scenario", "bad-input", "--scenario", "enterprise-exceedance",
                        "--ledger", ledgerFile.toString(), "--quiet");
                System.out.println(out);
                assertEquals(0, replay, out.toString());

                Ledger ledger = Ledger.read(ledgerFile);
                assertEquals(207L * 180, ledger.totals().readings());
                assertEquals(10, ledger.totals().injected());

                VerifyReport report = VerifyCommand.verify(ledger,
                        new HttpInfluxQuery(influx.url(), DB, null, null, null), Duration.ofSeconds(60));
                System.out.println(Files.readString(ledgerFile).length() + " bytes of ledger\n" + report.format());
                assertEquals(0, report.missing(), report.format());
                assertEquals(ledger.totals().expectedStored(), report.stored(), report.format());
                assertEquals(Map.of("malformed", 2L, "unknown_site", 2L, "unknown_parameter", 1L, "too_large", 1L,
                        "bad_topic", 2L, "bad_timestamp", 2L), ledger.expectedRejections());
                report.rejections().forEach((reason, v) -> assertEquals(v[0], v[1], reason + "\n" + report.format()));
                assertEquals(1, report.alerts().size(), report.format());
                assertTrue(report.ok(), report.format());
            }
        }
    }
}
