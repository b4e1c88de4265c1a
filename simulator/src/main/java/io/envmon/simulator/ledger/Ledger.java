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
 */
public record Ledger(int version, String command, List<String> scenarios, String topicRoot, String interval,
                     String simulatedFrom, String simulatedTo, String wallFrom, String wallTo, Totals totals,
                     List<PointEntry> points, Map<String, Long> expectedRejections, List<AlertEntry> expectedAlerts) {

    /** @param expectedStored readings that should be in InfluxDB: sent minus those expected to be rejected */
    public record Totals(long messages, long readings, long expectedStored, long injected, long acknowledged,
                         long failed) {
    }

    /**
     * One monitored point.
     *
     * @param measurement air, water or emission
     * @param tags        the InfluxDB tags of its series (station / section / enterprise+outlet)
     */
    public record PointEntry(String label, String measurement, Map<String, String> tags, long messages, long readings,
                             long expectedRejected, String firstTs, String lastTs) {
        public long expectedStored() {
            return readings - expectedRejected;
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
