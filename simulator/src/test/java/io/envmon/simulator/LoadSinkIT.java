package io.envmon.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.simulator.ledger.Ledger;
import io.envmon.testkit.MosquittoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sink} and {@code load} against a real mosquitto: the 6000 readings load sent at a target of 2000 readings/s
 * over several connections all arrive at the counting subscriber, no more and no less. The rate achieved is the
 * benchmark's business ({@code ./envmon bench}), not this test's: load sends an exact count however long it takes.
 */
class LoadSinkIT {

    private static final long READINGS = 6000;
    private static final Pattern SINK_TOTAL = Pattern.compile("received (\\d+) messages, (\\d+) readings");

    @TempDir
    Path tmp;

    @Test
    void theSinkCountsExactlyTheReadingsLoadSent() throws Exception {
        Path registry = Path.of(System.getProperty("envmon.registry", "../config/taigu.yaml"));
        try (MosquittoServer mqtt = new MosquittoServer().start()) {
            StringWriter sinkOut = new StringWriter();
            CompletableFuture<Integer> sink = CompletableFuture.supplyAsync(() -> command(sinkOut).execute("sink",
                    "--mqtt-url", mqtt.url(), "--count-readings", "--idle", "10s", "--duration", "300s", "--quiet"));
            await().atMost(Duration.ofSeconds(60)).until(() -> sinkOut.toString().contains("subscribed to env/#"));

            Path ledgerFile = tmp.resolve("load.json");
            StringWriter loadOut = new StringWriter();
            int load = command(loadOut).execute("load", "--registry", registry.toString(), "--mqtt-url", mqtt.url(),
                    "--rate", "2000", "--count", String.valueOf(READINGS), "--connections", "4", "--ledger",
                    ledgerFile.toString());
            System.out.println(loadOut);
            assertEquals(0, load, loadOut.toString());

            assertEquals(0, sink.get().intValue(), sinkOut.toString());
            System.out.println(sinkOut);
            Ledger ledger = Ledger.read(ledgerFile);
            assertEquals(READINGS, ledger.totals().readings(), ledger.totals().toString());
            assertEquals(ledger.totals().acknowledged(), ledger.totals().messages());
            Matcher total = SINK_TOTAL.matcher(sinkOut.toString());
            assertTrue(total.find(), sinkOut.toString());
            assertEquals(ledger.totals().messages(), Long.parseLong(total.group(1)), sinkOut.toString());
            assertEquals(ledger.totals().readings(), Long.parseLong(total.group(2)), sinkOut.toString());
            assertTrue(loadOut.toString().contains("done: " + ledger.totals().readings() + " readings"), loadOut.toString());
        }
    }

    private static CommandLine command(StringWriter out) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }
}
