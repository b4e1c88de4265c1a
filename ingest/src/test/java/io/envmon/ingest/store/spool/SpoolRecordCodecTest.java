package io.envmon.ingest.store.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.envmon.ingest.store.LineProtocol;
import io.envmon.ingest.store.StorePoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpoolRecordCodecTest {

    static String lines(List<StorePoint> points) {
        StringBuilder out = new StringBuilder();
        points.forEach(p -> LineProtocol.append(out, p));
        return out.toString();
    }

    /** A drained point must be written as it would have been at first: same line protocol, same Java types. */
    @Test
    void pointsComeBackWithTheirTypesAndWriteTheSameLineProtocol() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pm25", 35.2);
        fields.put("aqi", 52L);
        fields.put("count", 3);
        fields.put("ratio", 1.1f);
        fields.put("ok", true);
        fields.put("primary", "PM2.5,\"quoted\" 中文");
        fields.put("big", new BigInteger("123456789012345678901234567890"));
        fields.put("exact", new BigDecimal("0.1000"));
        fields.put("small", (short) 7);
        fields.put("tiny", (byte) 1);
        List<StorePoint> points = List.of(
                StorePoint.millis("air", Map.of("station", "S01", "district", "太谷"), fields, 1_700_000_000_123L),
                new StorePoint("rejected", Map.of("reason", "malformed"),
                        Map.of("payload", "x".repeat(100_000), "index", 2L), 1_700_000_000_123_456_789L, true),
                StorePoint.millis("empty", Map.of(), Map.of(), 0));
        List<StorePoint> back = SpoolRecordCodec.decode(SpoolRecordCodec.encode(points));
        assertEquals(points, back);
        assertEquals(lines(points), lines(back));
        assertEquals(Float.class, back.get(0).fields().get("ratio").getClass());
        assertEquals(Integer.class, back.get(0).fields().get("count").getClass());
    }

    @Test
    void anUnknownFormatIsAnErrorNotGarbage() {
        byte[] record = SpoolRecordCodec.encode(List.of());
        record[0] = 9;
        assertThrows(IOException.class, () -> SpoolRecordCodec.decode(record));
    }
}
