package io.envmon.ingest.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our line protocol says what influxdb-client-java's Point says: same series, same field types, same values. */
class LineProtocolTest {

    private static String ours(StorePoint p) {
        StringBuilder out = new StringBuilder();
        LineProtocol.append(out, p);
        return out.toString();
    }

    private static String theirs(StorePoint p) {
        return Point.measurement(p.measurement()).addTags(p.tags()).addFields(p.fields())
                .time(p.time(), p.nanos() ? WritePrecision.NS : WritePrecision.MS).toLineProtocol();
    }

    @Test
    void readingsDeadLettersAndAlertRowsAreWrittenAsThePointClassWritesThem() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pm25", 35.2);
        fields.put("co", 0.8);
        fields.put("pm25_flag", "M");
        fields.put("seq", 42L);
        fields.put("count", 7);
        fields.put("ok", true);
        fields.put("message", "超标 \"0.5\" 倍 \\ a=b, c");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("station", "TG-A01");
        tags.put("odd key", "a,b=c d");
        tags.put("empty", "");
        for (StorePoint p : List.of(
                StorePoint.millis("air", tags, fields, 1_764_288_000_000L),
                new StorePoint("rejected", Map.of("reason", "malformed"), Map.of("payload", "{\"x\":\n1}"),
                        1_764_288_000_000_123_456L, true),
                StorePoint.millis("my measurement,x", Map.of("t", "v"), Map.of("v", 1.0E-5), 1L),
                StorePoint.millis("air", Map.of("station", "S"), Map.of("big", 1.5e300, "whole", 60.0, "neg", -0.25),
                        2L))) {
            assertEquals(parsed(theirs(p)), parsed(ours(p)), ours(p));
        }
    }

    @Test
    void nonFiniteValuesAreLeftOutAndAPointWithoutFieldsIsSkipped() {
        StorePoint nan = StorePoint.millis("air", Map.of("station", "S"), Map.of("pm25", Double.NaN), 1L);
        StringBuilder out = new StringBuilder();
        assertFalse(LineProtocol.append(out, nan));
        assertEquals("", out.toString());
        StorePoint mixed = StorePoint.millis("air", Map.of("station", "S"),
                Map.of("pm25", Double.POSITIVE_INFINITY, "pm10", 60.5), 1L);
        assertEquals("air,station=S pm10=60.5 1", ours(mixed));
    }

    /**
     * The line with each float field's text read as a double: the Point class formats 60.0 as "60" and 1e-5 as
     * "0.00001", ours as "60.0" and "1.0E-5"; InfluxDB reads both as the same float.
     */
    private static String parsed(String line) {
        StringBuilder out = new StringBuilder();
        for (String part : line.split("(?<!\\\\)[ ,]", -1)) {
            int eq = part.indexOf('=');
            String value = eq < 0 ? part : part.substring(eq + 1);
            if (value.matches("-?[0-9.]+(E-?[0-9]+)?")) {
                try {
                    value = String.valueOf(Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    // not a float
                }
            }
            out.append(eq < 0 ? "" : part.substring(0, eq + 1)).append(value).append('|');
        }
        return out.toString();
    }
}
