package io.envmon.model;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * The reading decoder as it was written first, over Jackson's tree model: the reference the streaming decoder
 * ({@link ReadingCodec#decode}) must agree with on every payload (ReadingDecoderEquivalenceTest).
 */
final class TreeReadingDecoder {

    static final int MAX_BATCH = ReadingCodec.MAX_BATCH;
    private static final Pattern FLAG = Pattern.compile("^[A-Za-z0-9]$");
    static final long SECONDS_NOT_MILLIS = ReadingCodec.SECONDS_NOT_MILLIS;
    private final ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Decodes a payload; a batch yields one {@link Decoded} per element, each judged on its own. */
    public DecodedPayload decode(byte[] payload) throws RejectedException {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (IOException e) {
            throw new RejectedException(RejectReason.MALFORMED, "not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new RejectedException(RejectReason.MALFORMED, "expected a JSON object (a reading or {\"readings\": [...]})");
        }
        JsonNode batch = root.get("readings");
        if (batch == null) {
            return new DecodedPayload(false, List.of(decodeOne(0, root)));
        }
        if (!batch.isArray()) {
            throw new RejectedException(RejectReason.MALFORMED, "'readings' must be an array");
        }
        if (batch.isEmpty()) {
            throw new RejectedException(RejectReason.MALFORMED, "'readings' is empty");
        }
        if (batch.size() > MAX_BATCH) {
            throw new RejectedException(RejectReason.MALFORMED,
                    "batch of " + batch.size() + " readings; at most " + MAX_BATCH + " are allowed");
        }
        List<Decoded> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(decodeOne(i, batch.get(i)));
        }
        return new DecodedPayload(true, out);
    }

    private Decoded decodeOne(int index, JsonNode node) {
        if (!node.isObject()) {
            return bad(index, RejectReason.MALFORMED, "reading must be a JSON object");
        }
        JsonNode ts = node.get("ts");
        if (ts == null || ts.isNull()) {
            return bad(index, RejectReason.MALFORMED, "'ts' is missing");
        }
        Instant instant;
        try {
            instant = parseTimestamp(ts);
        } catch (IllegalArgumentException e) {
            return bad(index, RejectReason.BAD_TIMESTAMP, e.getMessage());
        }
        JsonNode valuesNode = node.get("values");
        if (valuesNode == null || !valuesNode.isObject()) {
            return bad(index, RejectReason.MALFORMED, "'values' must be an object of parameter: number");
        }
        if (valuesNode.isEmpty()) {
            return bad(index, RejectReason.MALFORMED, "'values' is empty");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = valuesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isNumber()) {
                return bad(index, RejectReason.MALFORMED, "value of '" + field.getKey() + "' is not a number");
            }
            values.put(field.getKey(), field.getValue().doubleValue());
        }
        Map<String, String> flags = new LinkedHashMap<>();
        JsonNode flagsNode = node.get("flags");
        if (flagsNode != null && !flagsNode.isNull()) {
            if (!flagsNode.isObject()) {
                return bad(index, RejectReason.MALFORMED, "'flags' must be an object of parameter: letter");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = flagsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String letter = field.getValue().isTextual() ? field.getValue().textValue() : null;
                if (letter == null || !FLAG.matcher(letter).matches()) {
                    return bad(index, RejectReason.MALFORMED,
                            "flag of '" + field.getKey() + "' must be one HJ 212 flag letter such as N, F, M, D");
                }
                flags.put(field.getKey(), letter.toUpperCase(java.util.Locale.ROOT));
            }
        }
        Long seq = null;
        JsonNode seqNode = node.get("seq");
        if (seqNode != null && !seqNode.isNull()) {
            if (!seqNode.canConvertToLong() || !seqNode.isIntegralNumber()) {
                return bad(index, RejectReason.MALFORMED, "'seq' must be an integer");
            }
            seq = seqNode.longValue();
        }
        return new Decoded.Ok(index, new Reading(instant, values, flags, seq));
    }

    /** RFC 3339 with an offset or Z, or epoch milliseconds; truncated to milliseconds (CONTRACT §4). */
    static Instant parseTimestamp(JsonNode ts) {
        if (ts.isIntegralNumber()) {
            if (!ts.canConvertToLong()) {
                throw new IllegalArgumentException("'ts' epoch milliseconds out of range");
            }
            if (ts.longValue() < SECONDS_NOT_MILLIS) {
                // 1764921600 is 2025-12-05 in seconds and 1970-01-21 in milliseconds: refuse rather than store 1970
                throw new IllegalArgumentException("'ts' " + ts.longValue() + " is before 1973 as epoch milliseconds"
                        + " (epoch seconds? an integer 'ts' is epoch milliseconds)");
            }
            return Instant.ofEpochMilli(ts.longValue());
        }
        if (ts.isTextual()) {
            try {
                return OffsetDateTime.parse(ts.textValue().replace(' ', 'T')).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'ts' is not RFC 3339 with an offset: '" + abbreviate(ts.textValue()) + "'");
            }
        }
        throw new IllegalArgumentException("'ts' must be an RFC 3339 string or epoch milliseconds");
    }

    private static Decoded bad(int index, RejectReason reason, String detail) {
        return new Decoded.Bad(index, Rejection.of(reason, detail));
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
