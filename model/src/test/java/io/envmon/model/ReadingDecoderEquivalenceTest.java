package io.envmon.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming decoder against the tree decoder it replaced: the same verdict (readings, rejections and their
 * wording, whole-message errors) on hand-picked odd payloads and on thousands of mutated ones.
 */
class ReadingDecoderEquivalenceTest {

    final ReadingCodec streaming = new ReadingCodec();
    final TreeReadingDecoder tree = new TreeReadingDecoder();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ts\":\"2026-11-28T00:00:00Z\",\"values\":{\"pm25\":35.2,\"pm10\":60}}",
            "{\"ts\":1795824000000,\"values\":{\"pm25\":1},\"flags\":{\"pm25\":\"d\"},\"seq\":7,\"extra\":[1,{\"a\":2}]}",
            "{\"values\":{\"pm25\":1},\"ts\":\"2026-11-28 08:00:00.5+08:00\"}",
            "{\"ts\":null,\"values\":{\"pm25\":1}}", "{\"values\":{\"pm25\":1}}", "{\"ts\":1.5e12,\"values\":{\"a\":1}}",
            "{\"ts\":[1],\"values\":{\"a\":1}}", "{\"ts\":{\"x\":1},\"values\":{\"a\":1}}", "{\"ts\":true,\"values\":{}}",
            "{\"ts\":99999999999999999999999,\"values\":{\"a\":1}}", "{\"ts\":-5,\"values\":{\"a\":1}}",
            "{\"ts\":1764921600,\"values\":{\"a\":1}}", "{\"ts\":\"yesterday\",\"values\":{\"a\":1}}",
            "{\"ts\":1795824000000,\"values\":null}", "{\"ts\":1795824000000,\"values\":[]}",
            "{\"ts\":1795824000000,\"values\":{}}", "{\"ts\":1795824000000,\"values\":{\"a\":\"1\",\"b\":2}}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1,\"b\":{\"c\":[1,2]}}}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1e400,\"b\":123456789012345678901234567890}}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"flags\":null}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"flags\":\"N\"}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"flags\":{\"a\":\"DD\",\"b\":\"x\"}}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"flags\":{\"a\":1}}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"flags\":{\"a\":\"\\n\"}}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"seq\":1.0}", "{\"ts\":1795824000000,\"values\":{\"a\":1},\"seq\":\"5\"}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"seq\":null}",
            "{\"ts\":1795824000000,\"values\":{\"a\":1},\"seq\":99999999999999999999}",
            "{\"ts\":\"x\",\"values\":{\"a\":\"y\"},\"flags\":7,\"seq\":\"z\"}",
            "{\"readings\":[{\"ts\":1795824000000,\"values\":{\"a\":1}},5,null,[],{\"ts\":1795824000000,\"values\":{\"a\":true}}]}",
            "{\"ts\":\"bad\",\"readings\":[{\"ts\":1795824000000,\"values\":{\"a\":1}}]}",
            "{\"readings\":[{\"ts\":1795824000000,\"values\":{\"a\":1}}],\"values\":7}",
            "{\"readings\":[]}", "{\"readings\":null}", "{\"readings\":{}}", "{\"readings\":\"x\"}",
            "{\"readings\":[{\"readings\":[1]}]}", "{\"readings\":[{\"ts\":1795824000000,\"values\":{\"a\":1}}", "{", "",
            "  ", "\"text\"", "[1,2]", "[1,{", "5", "null", "{} trailing", "{\"a\":1,\"a\":2}",
            "{\"ts\":1795824000000,\"values\":{\"pm25\":1,\"pm25\":900}}",
            "{\"readings\":[{\"ts\":1,\"values\":{\"a\":1}}],\"readings\":[]}",
            "{\"readings\":[{\"ts\":1795824000000,\"values\":{\"a\":1,\"a\":2}}]}",
            "{\"ts\":\"2026-02-29T00:00:00Z\",\"values\":{\"a\":1}}", "{\"ts\":\"2028-02-29T00:00:00Z\",\"values\":{\"a\":1}}",
            "{\"ts\":\"2026-11-28T24:00:00Z\",\"values\":{\"a\":1}}", "{\"ts\":\"2026-11-28T08:00Z\",\"values\":{\"a\":1}}",
            "{\"ts\":\"2026-11-28t08:00:00z\",\"values\":{\"a\":1}}", "{\"ts\":\"2026-11-28T08:00:00.Z\",\"values\":{\"a\":1}}",
            "{\"ts\":\"2026-11-28T08:00:00.1234567891Z\",\"values\":{\"a\":1}}",
            "{\"ts\":\"2026-11-28T08:00:00+08:00:00\",\"values\":{\"a\":1}}",
            "{\"ts\":\"2026-11-28T08:00:00+19:00\",\"values\":{\"a\":1}}", "{\"ts\":\"2026-11-28T08:00:00\",\"values\":{\"a\":1}}",
            "{\"ts\":\"2026-11-28T08:00:00-00:30\",\"values\":{\"a\":1}}"})
    void handPickedPayloadsGetTheSameVerdict(String json) {
        assertSameVerdict(json);
    }

    @Test
    void batchesOverTheLimitAreRefusedWithTheirSize() {
        StringBuilder b = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < ReadingCodec.MAX_BATCH + 3; i++) {
            b.append(i == 0 ? "" : ",").append("{\"ts\":1795824000000,\"values\":{\"a\":").append(i).append("}}");
        }
        assertSameVerdict(b.append("]}").toString());
        assertSameVerdict(b.substring(0, b.length() - 2) + ",{\"a\":1,\"a\":1}]}");
    }

    @Test
    void thousandsOfMutatedPayloadsGetTheSameVerdict() {
        Random random = new Random(20261205);
        String[] pieces = {"{", "}", "[", "]", ",", ":", "\"ts\"", "\"values\"", "\"flags\"", "\"seq\"", "\"readings\"",
                "\"pm25\"", "1795824000000", "\"2026-11-28T00:00:00Z\"", "35.2", "null", "true", "\"N\"", "\"dd\"", "-1",
                "1e3", "\"x\""};
        String base = "{\"readings\":[{\"ts\":\"2026-11-28T00:00:00.250+08:00\",\"values\":{\"pm25\":35.2,\"pm10\":60},"
                + "\"flags\":{\"pm25\":\"M\"},\"seq\":3},{\"ts\":1795824060000,\"values\":{\"pm25\":36}}]}";
        String single = "{\"ts\":\"2026-11-28T00:00:00Z\",\"values\":{\"pm25\":35.2,\"so2\":4},\"flags\":{\"so2\":\"D\"},\"seq\":9}";
        for (int n = 0; n < 5000; n++) {
            StringBuilder s = new StringBuilder(n % 2 == 0 ? base : single);
            for (int k = 0, edits = 1 + random.nextInt(3); k < edits; k++) {
                int at = random.nextInt(s.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, pieces[random.nextInt(pieces.length)]);
                    case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(6)));
                    default -> s.replace(at, Math.min(s.length(), at + 1 + random.nextInt(4)),
                            pieces[random.nextInt(pieces.length)]);
                }
            }
            assertSameVerdict(s.toString());
        }
    }

    @Test
    void theCommonTimestampFormReadsAsOffsetDateTimeDoes() {
        Random random = new Random(7);
        String[] offsets = {"Z", "+08:00", "-05:30", "+00:00", "+14:00", "-12:00"};
        for (int n = 0; n < 20_000; n++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L), random.nextInt(1_000_000_000));
            String offset = offsets[random.nextInt(offsets.length)];
            String text = OffsetDateTime.ofInstant(instant, offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset))
                    .toString();
            assertEquals(OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS), Rfc3339.parseCommon(text),
                    text);
        }
    }

    private void assertSameVerdict(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(verdict(() -> tree.decode(payload)), verdict(() -> streaming.decode(payload)), json);
    }

    interface Decode {
        DecodedPayload run() throws RejectedException;
    }

    private static List<Object> verdict(Decode decode) {
        List<Object> out = new ArrayList<>();
        try {
            DecodedPayload p = decode.run();
            out.add(p.batch());
            out.addAll(p.readings());
        } catch (RejectedException e) {
            out.add(e.rejection());
        }
        return out;
    }
}
