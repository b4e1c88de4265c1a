package io.envmon.simulator.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one run sent (JSON file written by {@code --ledger}, read by {@code verify}).
 *
 * Times are RFC 3339 UTC strings.
 *
 * @param simulatedFrom first reading timestamp sent; {@code simulatedTo} the last
 * @param wallFrom      wall clock when the run connected; {@code wallTo} when it finished (rejections are stored
 *                      at arrival time, so {@code verify} looks for them in this window)
 * @param deadLetters   dead letters by reason seen on {@code {root}/deadletter} while the run was sending (and
 *                      shortly after), or {@code null} when the run did not watch the topic
 */
public record Ledger(int version, String command, List<String> scenarios, String topicRoot, String interval,
                     String simulatedFrom, String simulatedTo, String wallFrom, String wallTo, Totals totals,
                     List<PointEntry> points, Map<String, Long> expectedRejections, List<AlertEntry> expectedAlerts,
                     Map<String, Long> deadLetters) {

    /** A ledger of a run that did not watch the dead-letter topic. */
    public Ledger(int version, String command, List<String> scenarios, String topicRoot, String interval,
                  String simulatedFrom, String simulatedTo, String wallFrom, String wallTo, Totals totals,
                  List<PointEntry> points, Map<String, Long> expectedRejections, List<AlertEntry> expectedAlerts) {
        this(version, command, scenarios, topicRoot, interval, simulatedFrom, simulatedTo, wallFrom, wallTo, totals,
                points, expectedRejections, expectedAlerts, null);
    }

    /** The same ledger with the dead letters the run saw. */
    public Ledger withDeadLetters(Map<String, Long> counts) {
        return new Ledger(version, command, scenarios, topicRoot, interval, simulatedFrom, simulatedTo, wallFrom, wallTo,
                totals, points, expectedRejections, expectedAlerts, counts == null ? null : new java.util.TreeMap<>(counts));
    }

    /**
     * @param expectedStored readings that should be in InfluxDB: sent minus those expected to be rejected (and
     *                       minus those stamped like an earlier one, which overwrite it)
     * @param lostAtDevice   readings never sent: a device buffer overflowed while its connection was down
     */
    public record Totals(long messages, long readings, long expectedStored, long injected, long acknowledged,
                         long failed, long lostAtDevice) {
    }

    /**
     * One monitored point.
     *
     * @param measurement air, water or emission
     * @param tags        the InfluxDB tags of its series (station / section / enterprise+outlet)
     * @param overwritten readings stamped like one sent before (a device clock set back): one point in InfluxDB
     * @param lostAtDevice readings the device could not keep while offline (never sent)
     */
    public record PointEntry(String label, String measurement, Map<String, String> tags, long messages, long readings,
                             long expectedRejected, long overwritten, long lostAtDevice, String firstTs, String lastTs) {
        public long expectedStored() {
            return readings - expectedRejected - overwritten;
        }
    }

    public record AlertEntry(String kind, String site, String rule, String minSeverity) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this));
    }

    public static Ledger read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Ledger.class);
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }
}
