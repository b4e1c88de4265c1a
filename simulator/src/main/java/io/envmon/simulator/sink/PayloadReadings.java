package io.envmon.simulator.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * How many readings a message carries (CONTRACT §2): a batch {@code {"readings": [...]}} its elements, any other
 * JSON object one. Reads with Jackson's streaming parser and skips the values without building them, so counting
 * costs a few microseconds a message and does not slow the subscriber it measures.
 */
public final class PayloadReadings {

    private static final String BATCH_FIELD = "readings";
    private final JsonFactory json = new JsonFactory();

    /** @return the number of readings, or -1 when the payload is not a JSON object */
    public int count(byte[] payload) {
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if (BATCH_FIELD.equals(field) && value == JsonToken.START_ARRAY) {
                    return elements(parser);
                }
                parser.skipChildren();
            }
            return 1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static int elements(JsonParser parser) throws IOException {
        int n = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            n++;
        }
        return n;
    }
}
