package io.envmon.ingest.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineBatchTest {

    static final StorePoint READING = StorePoint.millis("air", Map.of("station", "S 1"), Map.of("pm25", 35.2), 1L);
    /** A dead-letter row whose payload keeps its newlines and quotes: a string field is not escaped for them. */
    static final StorePoint DEAD_LETTER = new StorePoint("rejected", Map.of("reason", "malformed"),
            Map.of("payload", "{\"a b\":\n\"c\\\\\",\n 1} 2", "index", 3L), 1_000_000_123L, true);

    @Test
    void thePointsLinesArePerPrecisionAndCounted() {
        LineBatch b = LineBatch.of(List.of(READING, DEAD_LETTER, READING,
                StorePoint.millis("air", Map.of(), Map.of("pm25", Double.NaN), 2L)));
        StringBuilder millis = new StringBuilder();
        LineProtocol.append(millis, READING);
        LineProtocol.append(millis, READING);
        StringBuilder nanos = new StringBuilder();
        LineProtocol.append(nanos, DEAD_LETTER);
        assertEquals(new LineBatch(millis.toString(), nanos.toString(), 3), b);
    }

    @Test
    void aNewlineInAStringFieldDoesNotEndTheLine() {
        List<StorePoint> points = List.of(DEAD_LETTER, DEAD_LETTER, DEAD_LETTER);
        List<String> lines = LineBatch.split(LineBatch.of(points).nanos());
        assertEquals(3, lines.size(), lines.toString());
        StringBuilder one = new StringBuilder();
        LineProtocol.append(one, DEAD_LETTER);
        lines.forEach(l -> assertEquals(one.toString(), l));
        assertEquals(3, LineBatch.of("", LineBatch.of(points).nanos()).lines());
    }

    @Test
    void halvesSplitThePrecisionsThenTheLinesAndJoinBackToTheSame() {
        List<StorePoint> points = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            points.add(StorePoint.millis("air", Map.of("station", "S"), Map.of("pm25", (double) i), i));
        }
        LineBatch readings = LineBatch.of(points);
        LineBatch both = LineBatch.join(List.of(readings, LineBatch.of(List.of(DEAD_LETTER))));
        assertEquals(List.of(readings, LineBatch.of(List.of(DEAD_LETTER))), both.halves());
        List<LineBatch> halves = readings.halves();
        assertEquals(List.of(2, 3), halves.stream().map(LineBatch::lines).toList());
        assertEquals(readings, LineBatch.join(halves));
    }
}
