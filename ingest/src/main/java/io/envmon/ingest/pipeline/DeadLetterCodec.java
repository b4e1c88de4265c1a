package io.envmon.ingest.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The dead-letter JSON of CONTRACT §3, and the 4 KiB payload excerpt it carries. */
public final class DeadLetterCodec {

    public static final int PAYLOAD_EXCERPT_BYTES = 4096;

    private final ObjectMapper json = new ObjectMapper();

    public byte[] encode(DeadLetter d) {
        ObjectNode node = json.createObjectNode();
        node.put("reason", d.reason().code());
        node.put("detail", d.detail());
        node.put("topic", d.topic());
        if (d.index() != null) {
            node.put("index", d.index());
        }
        node.put("payload", d.payload());
        node.put("receivedAt", d.receivedAt().toString());
        try {
            return json.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a dead letter", e);
        }
    }

    /** The first 4 KiB of a payload as text, cut on a character boundary; undecodable bytes become U+FFFD. */
    public static String excerpt(byte[] payload) {
        int length = Math.min(payload.length, PAYLOAD_EXCERPT_BYTES);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.decode(ByteBuffer.wrap(payload, 0, length), out, true);
        out.flip();
        String text = out.toString();
        // a multi-byte character cut at the limit decodes to one trailing U+FFFD: drop it
        if (payload.length > length && text.endsWith("\uFFFD")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
