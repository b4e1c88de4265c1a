package io.envmon.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the reading JSON of CONTRACT §2 in one pass over Jackson's token stream, building each
 * {@link Reading} directly: no tree of the message is built first (it was most of a reading's decoding cost).
 *
 * <p>It judges exactly as a tree would: the whole payload is read before any whole-message problem is reported
 * (a syntax error or a key given twice anywhere makes the message malformed, whatever came before it), the
 * root's other fields are ignored when it has {@code readings}, and each reading's problems are reported in the
 * same order (ts, values, flags, seq). Test-only {@code TreeReadingDecoder} is the reference it is checked
 * against.
 */
final class StreamingReadingDecoder {

    private final JsonFactory factory;
    private final ObjectMapper treeForOddRoots;

    StreamingReadingDecoder(ObjectMapper json) {
        this.treeForOddRoots = json;
        // a key given twice is ambiguous (which value did the device mean?): malformed, not silently the last one
        this.factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    DecodedPayload decode(byte[] payload) throws RejectedException {
        try (JsonParser p = factory.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return notAnObject(payload);
            }
            Root root = new Root();
            readObject(p, root, root);
            return root.result();
        } catch (IOException e) {
            throw new RejectedException(RejectReason.MALFORMED, "not JSON: " + firstLine(e));
        }
    }

    /** Rare: whatever the root is (an array, a string...), the tree's verdict, syntax errors inside it first. */
    private DecodedPayload notAnObject(byte[] payload) throws RejectedException {
        try {
            treeForOddRoots.readTree(payload);
        } catch (IOException e) {
            throw new RejectedException(RejectReason.MALFORMED, "not JSON: " + firstLine(e));
        }
        throw new RejectedException(RejectReason.MALFORMED, "expected a JSON object (a reading or {\"readings\": [...]})");
    }

    /** Reads the object the parser is at (its START_OBJECT consumed) up to and including its END_OBJECT. */
    private void readObject(JsonParser p, Fields f, Root root) throws IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "ts" -> readTs(p, value, f);
                case "values" -> readValues(p, value, f);
                case "flags" -> readFlags(p, value, f);
                case "seq" -> readSeq(p, value, f);
                case "readings" -> {
                    if (root != null) {
                        readBatch(p, value, root);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren(); // devices may send more than the contract asks
            }
        }
    }

    private void readBatch(JsonParser p, JsonToken value, Root root) throws IOException {
        root.batch = true;
        if (value != JsonToken.START_ARRAY) {
            root.batchProblem = "'readings' must be an array";
            p.skipChildren();
            return;
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int index = root.batchSize++;
            if (index >= ReadingCodec.MAX_BATCH) {
                p.skipChildren(); // still read to the end: a syntax error after the limit is the message's problem
            } else if (t == JsonToken.START_OBJECT) {
                Fields element = new Fields(index);
                readObject(p, element, null);
                root.readings.add(element.decoded());
            } else {
                p.skipChildren();
                root.readings.add(new Decoded.Bad(index, Rejection.of(RejectReason.MALFORMED,
                        "reading must be a JSON object")));
            }
        }
    }

    private static void readTs(JsonParser p, JsonToken value, Fields f) throws IOException {
        f.tsSeen = value != JsonToken.VALUE_NULL;
        f.ts = null;
        f.tsProblem = null;
        try {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new IllegalArgumentException("'ts' epoch milliseconds out of range");
                }
                f.ts = ReadingCodec.epochMillis(p.getLongValue());
            } else if (value == JsonToken.VALUE_STRING) {
                f.ts = ReadingCodec.rfc3339(p.getText());
            } else if (value != JsonToken.VALUE_NULL) {
                p.skipChildren();
                throw new IllegalArgumentException("'ts' must be an RFC 3339 string or epoch milliseconds");
            }
        } catch (IllegalArgumentException e) {
            f.tsProblem = Rejection.of(RejectReason.BAD_TIMESTAMP, e.getMessage());
        }
    }

    private static void readValues(JsonParser p, JsonToken value, Fields f) throws IOException {
        f.valuesSeen = true;
        f.valuesObject = value == JsonToken.START_OBJECT;
        if (!f.valuesObject) {
            p.skipChildren();
            return;
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String parameter = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                f.values.put(parameter, p.getDoubleValue());
            } else {
                p.skipChildren();
                if (f.firstNotANumber == null) {
                    f.firstNotANumber = parameter;
                }
            }
        }
    }

    private static void readFlags(JsonParser p, JsonToken value, Fields f) throws IOException {
        f.flagsSeen = value != JsonToken.VALUE_NULL;
        f.flagsObject = value == JsonToken.START_OBJECT;
        if (!f.flagsObject) {
            p.skipChildren();
            return;
        }
        Map<String, String> flags = new LinkedHashMap<>(4);
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String parameter = p.currentName();
            JsonToken v = p.nextToken();
            String letter = v == JsonToken.VALUE_STRING ? p.getText() : null;
            if (letter != null && ReadingCodec.isFlagLetter(letter)) {
                flags.put(parameter, letter.toUpperCase(Locale.ROOT));
            } else {
                p.skipChildren();
                if (f.firstBadFlag == null) {
                    f.firstBadFlag = parameter;
                }
            }
        }
        f.flags = flags;
    }

    private static void readSeq(JsonParser p, JsonToken value, Fields f) throws IOException {
        f.seqSeen = value != JsonToken.VALUE_NULL;
        f.seq = null;
        f.seqBad = false;
        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            f.seq = p.getLongValue();
        } else if (f.seqSeen) {
            p.skipChildren();
            f.seqBad = true;
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The fields of one reading as they come, judged once the object is closed. */
    private static class Fields {
        final int index;
        boolean tsSeen;
        Instant ts;
        Rejection tsProblem;
        boolean valuesSeen;
        boolean valuesObject;
        final Map<String, Double> values = new LinkedHashMap<>(8);
        String firstNotANumber;
        boolean flagsSeen;
        boolean flagsObject;
        Map<String, String> flags = Map.of();
        String firstBadFlag;
        boolean seqSeen;
        Long seq;
        boolean seqBad;

        Fields(int index) {
            this.index = index;
        }

        /** Same checks, same order as the tree decoder. */
        Decoded decoded() {
            if (!tsSeen) {
                return bad(RejectReason.MALFORMED, "'ts' is missing");
            }
            if (tsProblem != null) {
                return new Decoded.Bad(index, tsProblem);
            }
            if (!valuesSeen || !valuesObject) {
                return bad(RejectReason.MALFORMED, "'values' must be an object of parameter: number");
            }
            if (values.isEmpty() && firstNotANumber == null) {
                return bad(RejectReason.MALFORMED, "'values' is empty");
            }
            if (firstNotANumber != null) {
                return bad(RejectReason.MALFORMED, "value of '" + firstNotANumber + "' is not a number");
            }
            if (flagsSeen && !flagsObject) {
                return bad(RejectReason.MALFORMED, "'flags' must be an object of parameter: letter");
            }
            if (firstBadFlag != null) {
                return bad(RejectReason.MALFORMED,
                        "flag of '" + firstBadFlag + "' must be one HJ 212 flag letter such as N, F, M, D");
            }
            if (seqBad) {
                return bad(RejectReason.MALFORMED, "'seq' must be an integer");
            }
            return new Decoded.Ok(index, new Reading(ts, values, flags, seq));
        }

        private Decoded bad(RejectReason reason, String detail) {
            return new Decoded.Bad(index, Rejection.of(reason, detail));
        }
    }

    /** The root object: a single reading, or a batch when it has {@code readings}. */
    private static final class Root extends Fields {
        boolean batch;
        String batchProblem;
        int batchSize;
        final List<Decoded> readings = new ArrayList<>();

        Root() {
            super(0);
        }

        DecodedPayload result() throws RejectedException {
            if (!batch) {
                return new DecodedPayload(false, List.of(decoded()));
            }
            if (batchProblem != null) {
                throw new RejectedException(RejectReason.MALFORMED, batchProblem);
            }
            if (batchSize == 0) {
                throw new RejectedException(RejectReason.MALFORMED, "'readings' is empty");
            }
            if (batchSize > ReadingCodec.MAX_BATCH) {
                throw new RejectedException(RejectReason.MALFORMED,
                        "batch of " + batchSize + " readings; at most " + ReadingCodec.MAX_BATCH + " are allowed");
            }
            return new DecodedPayload(true, readings);
        }
    }
}
