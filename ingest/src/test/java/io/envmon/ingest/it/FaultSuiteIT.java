package io.envmon.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.Durations;
import io.envmon.testkit.FaultInjectingProxy;
import io.envmon.testkit.MqttTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite (docs/reliability.md): real mosquitto, influxd and the service on loopback, a station streaming
 * throughout, and one fault at a time. Each fault uses a station of its own and prints one line
 * {@code fault | sent | stored | duplicated | dead-lettered | notes}, counted from InfluxDB against the stream's
 * ledger (reading n is the point at base + n ms of its station): stored = distinct readings found, duplicated =
 * points beyond the readings sent plus rejected rows beyond the rejections expected.
 *
 * <p>Bounded in time: the defaults keep the suite to about two minutes; the long figures are system properties
 * ({@code ./envmon faults}): {@code envmon.faults.outage} (duration of the InfluxDB outage, default 10s),
 * {@code envmon.faults.rate} (readings/s during it, default 1000), {@code envmon.faults.kills} (SIGKILLs of the service, default 3; 5 in {@code ./envmon faults}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final String REGISTRY = """
            air:
              - {id: S01, name: 故障站一}
              - {id: S02, name: 故障站二}
              - {id: S03, name: 故障站三}
              - {id: S04, name: 故障站四}
              - {id: S05, name: 故障站五}
              - {id: S06, name: 故障站六}
              - {id: S07, name: 故障站七}
            """;
    static final Duration OUTAGE = Durations.parse(System.getProperty("envmon.faults.outage", "10s"));
    static final int RATE = Integer.getInteger("envmon.faults.rate", 1000);
    static final int KILLS = Integer.getInteger("envmon.faults.kills", 3);
    static final Map<String, String> SETTINGS = Map.of("ENVMON_SPOOL_AFTER", "1s");

    IngestHarness harness;
    FaultInjectingProxy proxy;
    Path tmpfs;
    final List<String> table = new ArrayList<>();
    /** Each fault's counts once verified; {@link #nothingArrivesAfterAFaultWasVerified} checks them again at the end. */
    final List<Settled> settled = new ArrayList<>();
    /**
     * Each fault's readings start at their own base, an hour apart, so no two faults share a point; days back, so
     * the alert state each restart reads back from InfluxDB stays small (the restart is part of what is measured).
     */
    final Instant base = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @BeforeAll
    void start() {
        harness = new IngestHarness(REGISTRY);
        harness.startIngest(SETTINGS);
        table.add("fault | sent | stored | duplicated | dead-lettered | notes");
    }

    @AfterAll
    void stop() {
        System.out.println("fault suite (" + OUTAGE + " outage at " + RATE + " readings/s, " + KILLS + " kills):\n"
                + String.join("\n", table));
        write(Path.of("target", "fault-suite.txt"), String.join("\n", table) + "\n");
        if (harness != null) {
            harness.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (tmpfs != null) {
            run("umount", tmpfs.toString());
        }
    }

    Instant base(int fault) {
        return base.plus(fault, ChronoUnit.HOURS);
    }

    /** Distinct readings 0..sent−1 of the station found in InfluxDB. */
    long stored(String station, Instant from, long sent) {
        return harness.count("SELECT count(pm25) FROM air WHERE station = '" + station + "' AND time >= "
                + from.toEpochMilli() + "ms AND time < " + (from.toEpochMilli() + sent) + "ms");
    }

    long allPoints(String station) {
        return harness.count("SELECT count(pm25) FROM air WHERE station = '" + station + "'");
    }

    long rejected(String station) {
        return harness.count("SELECT count(detail) FROM rejected WHERE topic = 'env/air/" + station + "'");
    }

    double metric(String name) {
        return harness.metric(name);
    }

    /** Awaits every reading sent stored, then records the fault's line and checks nothing lost or duplicated. */
    void verify(String fault, String station, Instant from, long sent, long expectedRejected, Duration within,
                String notes) {
        try {
            await(fault + ": all stored").atMost(within).pollInterval(Duration.ofSeconds(1))
                    .until(() -> stored(station, from, sent) == sent);
        } catch (ConditionTimeoutException e) {
            line(fault, station, from, sent, expectedRejected, notes + "; TIMED OUT");
            throw new AssertionError(e.getMessage() + "\ningest:\n" + harness.ingest.outputTail(40), e);
        }
        long duplicated = line(fault, station, from, sent, expectedRejected, notes);
        settled.add(new Settled(fault, station, allPoints(station), rejected(station)));
        assertEquals(0, duplicated, fault + ": duplicated");
        assertEquals(expectedRejected, rejected(station), fault + ": dead-lettered");
    }

    /** @return the duplicated count printed */
    long line(String fault, String station, Instant from, long sent, long expectedRejected, String notes) {
        long stored = stored(station, from, sent);
        long rejected = rejected(station);
        long duplicated = Math.max(0, allPoints(station) - stored) + Math.max(0, rejected - expectedRejected);
        String line = String.join(" | ", fault, String.valueOf(sent), String.valueOf(stored),
                String.valueOf(duplicated), String.valueOf(rejected), notes);
        table.add(line);
        System.out.println("fault: " + line);
        return duplicated;
    }

    /** Awaits the stream having sent {@code more} readings beyond what it had, all of them stored. */
    void progress(RateStream stream, String station, Instant from, long more, Duration within) {
        long target = stream.sent() + more;
        await().atMost(within).pollInterval(Duration.ofMillis(500))
                .until(() -> stream.sent() >= target && stored(station, from, target) >= target);
    }

    /** Keeps polling {@code sample} while waiting {@code during}, asserting {@code holds} throughout. */
    static void hold(Duration during, BooleanSupplier holds, Runnable sample) {
        await().during(during).atMost(during.plusSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            sample.run();
            return holds.getAsBoolean();
        });
    }

    @Test
    @Order(1)
    void clockSkew() {
        String station = "S06";
        Instant now = Instant.now();
        Duration skew = Durations.parse(harness.env().getOrDefault("ENVMON_MAX_CLOCK_SKEW", "5m"));
        int each = 50;
        try (MqttTestClient device = MqttTestClient.connect(harness.mqtt.url())) {
            for (int n = 0; n < each; n++) {
                // ahead beyond the allowed skew: rejected; ahead within it and a day behind: stored
                device.publish("env/air/" + station, one(now.plus(skew).plus(Duration.ofMinutes(5)).plusMillis(n), n), 1);
                device.publish("env/air/" + station, one(now.plus(skew).minus(Duration.ofMinutes(3)).plusMillis(n), n), 1);
                device.publish("env/air/" + station, one(base(1).minus(Duration.ofDays(1)).plusMillis(n), n), 1);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> allPoints(station) == 2L * each && rejected(station) == each);
        settled.add(new Settled("clock skew", station, 2L * each, each));
        long badTimestamp = harness.count("SELECT count(detail) FROM rejected WHERE reason = 'bad_timestamp' AND topic = 'env/air/"
                + station + "'");
        String line = String.join(" | ", "clock skew (device " + skew.plusMinutes(5).toMinutes() + " min ahead, "
                + skew.minusMinutes(3).toMinutes() + " min ahead, 1 d behind; ENVMON_MAX_CLOCK_SKEW " + skew.toMinutes()
                + "m)", String.valueOf(3 * each), String.valueOf(allPoints(station)), "0", String.valueOf(rejected(station)),
                badTimestamp + " bad_timestamp (all " + each + " beyond the skew), the " + 2 * each + " within stored");
        table.add(line);
        System.out.println("fault: " + line);
        assertEquals(each, badTimestamp);
    }

    private static String one(Instant ts, int n) {
        return "{\"ts\": \"" + ts + "\", \"values\": {\"pm25\": " + (20 + n % 50) + "}, \"seq\": " + n + "}";
    }

    @Test
    @Order(2)
    void ingestSigkilledUnderLoad() {
        String station = "S01";
        Instant from = base(2);
        int rate = 500;
        long restartsAt = 0;
        try (RateStream stream = new RateStream(harness, station, from, rate, 50, Long.MAX_VALUE)) {
            for (int kill = 0; kill < KILLS; kill++) {
                progress(stream, station, from, rate, Duration.ofSeconds(90));
                harness.ingest.sigkill();
                assertEquals(137, harness.ingest.waitFor(Duration.ofSeconds(30)));
                harness.startIngest(SETTINGS);
                restartsAt++;
            }
            progress(stream, station, from, rate, Duration.ofSeconds(90));
            stream.pause();
            verify("ingest SIGKILL x" + KILLS + " under load", station, from, stream.sent(), 0, Duration.ofSeconds(120),
                    KILLS + " kills at " + rate + " readings/s, " + restartsAt + " restarts; stream never paused");
        }
    }

    @Test
    @Order(3)
    void influxDbDownForALongOutageAtAHighRate() {
        String station = "S02";
        Instant from = base(3);
        AtomicLong spoolPeak = new AtomicLong();
        double spooledBefore = metric("envmon_spool_appended_points_total");
        try (RateStream stream = new RateStream(harness, station, from, RATE, Math.max(1, Math.min(400, RATE / 10)), Long.MAX_VALUE)) {
            progress(stream, station, from, RATE, Duration.ofSeconds(60));
            harness.influx.stop();
            long atStop = stream.sent();
            hold(OUTAGE, () -> harness.ingest.isAlive() && !harness.influx.isRunning(),
                    () -> spoolPeak.accumulateAndGet((long) metric("envmon_spool_records"), Math::max));
            long duringOutage = stream.sent() - atStop;
            harness.influx.start();
            progress(stream, station, from, RATE, Duration.ofSeconds(120));
            stream.pause();
            Duration within = Duration.ofSeconds(Math.max(120, OUTAGE.toSeconds() * 2));
            verify("InfluxDB down " + Durations.format(OUTAGE) + " at " + RATE + " readings/s", station, from,
                    stream.sent(), 0, within, duringOutage + " readings sent during the outage; spool peak "
                            + spoolPeak.get() + " records, " + (long) (metric("envmon_spool_appended_points_total")
                            - spooledBefore) + " points through the spool");
        }
    }

    @Test
    @Order(4)
    void brokerSigkilledDuringAnInfluxDbOutage() throws IOException {
        String station = "S03";
        Instant from = base(4);
        int rate = 500;
        try (RateStream stream = new RateStream(harness, station, from, rate, 50, Long.MAX_VALUE)) {
            progress(stream, station, from, rate, Duration.ofSeconds(60));
            harness.influx.stop();
            long atStop = stream.sent();
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.sent() >= atStop + 2L * rate);
            stream.pause();
            // every message taken by the service (acknowledged from its spool): the broker owes nothing
            double acked = metric("envmon_messages_acknowledged_total");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> metric("envmon_spool_records") > 0 && metric("envmon_inflight_messages") == 0);
            long subscriptions = count(harness.ingest.output(), "subscribed to");
            harness.mqtt.kill();
            // and its save lost, as if it had saved nothing since the outage began: only the spool has them
            try (Stream<Path> files = Files.list(harness.mqtt.directory())) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                    Files.delete(f);
                }
            }
            harness.mqtt.start();
            await("ingest resubscribed").atMost(Duration.ofSeconds(120))
                    .until(() -> count(harness.ingest.output(), "subscribed to") > subscriptions);
            stream.resume();
            long atRestart = stream.sent();
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.sent() >= atRestart + rate);
            harness.influx.start();
            progress(stream, station, from, rate, Duration.ofSeconds(120));
            stream.pause();
            verify("broker SIGKILL (save deleted) during an InfluxDB outage", station, from, stream.sent(), 0,
                    Duration.ofSeconds(120), (long) acked + " messages acknowledged (from the spool) before the kill; publisher retries "
                            + stream.retries() + " (the broker down)");
        }
    }

    private static long count(String text, String word) {
        long n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    /** From here on the service writes through the fault-injecting proxy, its spool on a small filesystem. */
    void throughTheProxy() {
        if (proxy != null) {
            return;
        }
        proxy = FaultInjectingProxy.start(harness.influx.url());
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("ENVMON_INFLUX_URL", proxy.url());
        try {
            tmpfs = Files.createTempDirectory("envmon-spool-tmpfs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", tmpfs.toString())) {
            settings.put("ENVMON_SPOOL_DIR", tmpfs.resolve("spool").toString());
        } else {
            tmpfs = null;
            settings.put("ENVMON_SPOOL_MAX_BYTES", "1MiB"); // stand-in for a full disk: the smallest spool
        }
        harness.ingest.close();
        harness.startIngest(settings);
    }

    @Test
    @Order(5)
    void spoolDiskFull() {
        throughTheProxy();
        String station = "S04";
        Instant from = base(5);
        int rate = 2000;
        String how = tmpfs != null ? "a 1 MiB tmpfs" : "ENVMON_SPOOL_MAX_BYTES=1MiB (tmpfs mount refused)";
        try (RateStream stream = new RateStream(harness, station, from, rate, 200, Long.MAX_VALUE)) {
            progress(stream, station, from, rate, Duration.ofSeconds(60));
            proxy.failWith503();
            String full = tmpfs != null ? "cannot write to" : "spool full";
            await("the spool's disk fills").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> harness.ingest.output().contains(full));
            long atFull = stream.sent();
            // full: the service stops acknowledging, the broker holds the rest, the stream goes on into it
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.sent() >= atFull + rate);
            double spoolBytes = metric("envmon_spool_bytes");
            proxy.pass();
            progress(stream, station, from, rate, Duration.ofSeconds(120));
            stream.pause();
            verify("spool disk full (" + (tmpfs != null ? "1 MiB tmpfs" : "1 MiB spool") + ")", station, from,
                    stream.sent(), 0, Duration.ofSeconds(180), how + ", InfluxDB answering 503 meanwhile; spool at "
                            + (long) spoolBytes + " bytes when full; '" + full + "' logged");
        }
    }

    @Test
    @Order(6)
    void influxDbAnswering503() {
        throughTheProxy();
        String station = "S05";
        Instant from = base(6);
        int rate = 500;
        try (RateStream stream = new RateStream(harness, station, from, rate, 50, Long.MAX_VALUE)) {
            progress(stream, station, from, rate, Duration.ofSeconds(60));
            long refusedBefore = proxy.refused();
            proxy.failWith503();
            hold(Duration.ofSeconds(5), harness.ingest::isAlive, () -> { });
            proxy.pass();
            progress(stream, station, from, rate, Duration.ofSeconds(120));
            stream.pause();
            verify("InfluxDB answering 503 for 5 s", station, from, stream.sent(), 0, Duration.ofSeconds(120),
                    (proxy.refused() - refusedBefore) + " writes answered 503 by the proxy");
        }
    }

    @Test
    @Order(7)
    void influxDbAnsweringSlowly() {
        throughTheProxy();
        String station = "S07";
        Instant from = base(7);
        int rate = 500;
        try (RateStream stream = new RateStream(harness, station, from, rate, 50, Long.MAX_VALUE)) {
            progress(stream, station, from, rate, Duration.ofSeconds(60));
            long delayedBefore = proxy.delayed();
            double spooledBefore = metric("envmon_spool_appended_points_total");
            proxy.delay(Duration.ofSeconds(3));
            hold(Duration.ofSeconds(5), harness.ingest::isAlive, () -> { });
            proxy.pass();
            progress(stream, station, from, rate, Duration.ofSeconds(120));
            stream.pause();
            long spooled = (long) (metric("envmon_spool_appended_points_total") - spooledBefore);
            verify("InfluxDB answering in 3 s for 5 s", station, from, stream.sent(), 0, Duration.ofSeconds(120),
                    (proxy.delayed() - delayedBefore) + " requests held 3 s; " + spooled
                            + " points went to the spool meanwhile (ENVMON_SPOOL_AFTER 1s)");
            // after the full disk the spool works again (the consumed segment that filled it was deleted)
            assertTrue(spooled > 0, "nothing spooled while InfluxDB was slow");
        }
        assertTrue(harness.ingest.isAlive());
        harness.assertNoBlockedEventLoop();
    }

    /** A fault's points and rejected rows in InfluxDB when it was verified. */
    record Settled(String fault, String station, long points, long rejected) {
        boolean still(FaultSuiteIT suite) {
            return suite.allPoints(station) == points && suite.rejected(station) == rejected;
        }
    }

    /**
     * Nothing arrives after a fault was verified (a late duplicate or dead letter would): every fault's points and
     * rejected rows are still what they were then, and stay so for 2 s. Checked once, last, instead of after each
     * fault: each earlier fault has had all the later faults' time to show a late arrival.
     */
    @Test
    @Order(8)
    void nothingArrivesAfterAFaultWasVerified() {
        try {
            await("nothing arrives late").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).until(() -> settled.stream().allMatch(f -> f.still(this)));
        } catch (ConditionTimeoutException e) {
            StringBuilder changed = new StringBuilder();
            for (Settled f : settled) {
                if (!f.still(this)) {
                    changed.append('\n').append(f.fault()).append(": points ").append(f.points()).append(" -> ")
                            .append(allPoints(f.station())).append(", rejected ").append(f.rejected()).append(" -> ")
                            .append(rejected(f.station()));
                }
            }
            throw new AssertionError("rows arrived after their fault was verified:" + changed, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a system command; false when it cannot run or fails (e.g. mount without the privilege). */
    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
