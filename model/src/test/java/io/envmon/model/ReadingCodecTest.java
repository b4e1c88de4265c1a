package io.envmon.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingCodecTest {

    final ReadingCodec codec = new ReadingCodec();

    DecodedPayload decode(String json) throws RejectedException {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "2026-11-28T08:00:00+08:00"     | 2026-11-28T00:00:00Z
            "2026-11-28T00:00:00Z"          | 2026-11-28T00:00:00Z
            "2026-11-28T00:00:00.123456Z"   | 2026-11-28T00:00:00.123Z
            "2026-11-28 08:00:00+08:00"     | 2026-11-28T00:00:00Z
            1795824000000                   | 2026-11-28T00:00:00Z
            """)
    void timestampsInEveryContractFormUseMillisecondPrecision(String ts, String expected) throws Exception {
        DecodedPayload p = decode("{\"ts\": " + ts + ", \"values\": {\"pm25\": 1}}");
        Decoded.Ok ok = assertInstanceOf(Decoded.Ok.class, p.readings().get(0));
        assertEquals(Instant.parse(expected), ok.reading().ts());
    }

    @Test
    void encodedReadingsDecodeToTheSameReading() throws Exception {
        Reading r = new Reading(Instant.parse("2026-11-28T00:00:00Z"), Map.of("pm25", 35.2), Map.of("pm25", "M"), 42L);
        Decoded.Ok single = assertInstanceOf(Decoded.Ok.class, decode(codec.encode(r)).readings().get(0));
        assertEquals(r, single.reading());
        DecodedPayload batch = decode(codec.encodeBatch(List.of(r, r)));
        assertTrue(batch.batch());
        assertEquals(2, batch.readings().size());
    }

    @Test
    void aBatchElementThatIsWrongDoesNotSpoilTheOthers() throws Exception {
        DecodedPayload p = decode("{\"readings\": [{\"ts\": 1764547200000, \"values\": {\"a\": 1}}, 5, {\"ts\": 1764547260000, \"values\": {\"a\": true}}]}");
        assertInstanceOf(Decoded.Ok.class, p.readings().get(0));
        assertEquals(RejectReason.MALFORMED, assertInstanceOf(Decoded.Bad.class, p.readings().get(1)).rejection().reason());
        assertEquals(2, p.readings().get(2).index());
    }

    @Test
    void wholeMessageProblemsAreThrown() {
        assertEquals(RejectReason.MALFORMED, assertThrows(RejectedException.class, () -> decode("{")).rejection().reason());
        assertEquals(RejectReason.MALFORMED, assertThrows(RejectedException.class, () -> decode("{\"readings\": []}")).rejection().reason());
        assertEquals(RejectReason.MALFORMED, assertThrows(RejectedException.class, () -> decode("\"text\"")).rejection().reason());
    }

    @Test
    void flagsMustBeOneLetterAndAreUpperCased() throws Exception {
        Decoded.Ok ok = assertInstanceOf(Decoded.Ok.class,
                decode("{\"ts\": 1764547200000, \"values\": {\"pm25\": 1}, \"flags\": {\"pm25\": \"d\"}}").readings().get(0));
        assertEquals("D", ok.reading().flagOf("pm25"));
        assertInstanceOf(Decoded.Bad.class, decode("{\"ts\": 1764547200000, \"values\": {\"pm25\": 1}, \"flags\": {\"pm25\": \"DD\"}}").readings().get(0));
    }

    @Test
    void epochSecondsAreRefusedNotStoredAs1970() throws Exception {
        Decoded.Bad bad = assertInstanceOf(Decoded.Bad.class,
                decode("{\"ts\": 1764921600, \"values\": {\"pm25\": 1}}").readings().get(0));
        assertEquals(RejectReason.BAD_TIMESTAMP, bad.rejection().reason());
        assertTrue(bad.rejection().detail().contains("epoch seconds?"), bad.rejection().detail());
        assertInstanceOf(Decoded.Ok.class, decode("{\"ts\": 1764921600000, \"values\": {\"pm25\": 1}}").readings().get(0));
    }

    @Test
    void aKeyGivenTwiceIsMalformed() {
        RejectedException e = assertThrows(RejectedException.class,
                () -> decode("{\"ts\": 1764921600000, \"values\": {\"pm25\": 1, \"pm25\": 900}}"));
        assertEquals(RejectReason.MALFORMED, e.rejection().reason());
        assertTrue(e.rejection().detail().contains("pm25"), e.rejection().detail());
    }
}
