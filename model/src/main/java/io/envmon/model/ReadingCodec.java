package io.envmon.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reading JSON of CONTRACT §2, both ways: single readings and {@code {"readings": [...]}} batches.
 * Decoding checks shape and timestamps only; the registry, parameter names and ranges are the validator's.
 * Unknown top-level fields are ignored so devices may send more than the contract asks.
 */
public final class ReadingCodec {

    public static final int MAX_BATCH = 1000;

    private static final Pattern FLAG = Pattern.compile("^[A-Za-z0-9]$");

    /** Integer timestamps below this (1973-03-03 in milliseconds) are epoch seconds by mistake, not readings. */
    static final long SECONDS_NOT_MILLIS = 100_000_000_000L;

    // a key given twice is ambiguous (which value did the device mean?): malformed, not silently the last one
    private final ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final StreamingReadingDecoder decoder = new StreamingReadingDecoder(json);

    /** Decodes a payload; a batch yields one {@link Decoded} per element, each judged on its own. */
    public DecodedPayload decode(byte[] payload) throws RejectedException {
        return decoder.decode(payload);
    }

    /** Epoch milliseconds, refused when they look like epoch seconds. */
    static Instant epochMillis(long millis) {
        if (millis < SECONDS_NOT_MILLIS) {
            // 1764921600 is 2025-12-05 in seconds and 1970-01-21 in milliseconds: refuse rather than store 1970
            throw new IllegalArgumentException("'ts' " + millis + " is before 1973 as epoch milliseconds"
                    + " (epoch seconds? an integer 'ts' is epoch milliseconds)");
        }
        return Instant.ofEpochMilli(millis);
    }

    /** RFC 3339 with an offset or Z (a space for the T allowed), truncated to milliseconds (CONTRACT §4). */
    static Instant rfc3339(String text) {
        Instant common = Rfc3339.parseCommon(text);
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'ts' is not RFC 3339 with an offset: '" + abbreviate(text) + "'");
        }
    }

    static boolean isFlagLetter(String letter) {
        return FLAG.matcher(letter).matches();
    }

    public String encode(Reading reading) {
        return write(toNode(reading));
    }

    public String encodeBatch(List<Reading> readings) {
        ObjectNode root = json.createObjectNode();
        ArrayNode array = root.putArray("readings");
        readings.forEach(r -> array.add(toNode(r)));
        return write(root);
    }

    private ObjectNode toNode(Reading reading) {
        ObjectNode node = json.createObjectNode();
        node.put("ts", reading.ts().toString());
        ObjectNode values = node.putObject("values");
        reading.values().forEach(values::put);
        if (!reading.flags().isEmpty()) {
            ObjectNode flags = node.putObject("flags");
            reading.flags().forEach(flags::put);
        }
        if (reading.seq() != null) {
            node.put("seq", reading.seq());
        }
        return node;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a reading", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
