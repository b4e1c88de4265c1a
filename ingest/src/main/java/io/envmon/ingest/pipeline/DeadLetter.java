package io.envmon.ingest.pipeline;

import io.envmon.model.RejectReason;
import io.envmon.model.Rejection;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A rejected message or reading (CONTRACT §3).
 *
 * @param index position in a batch, or {@code null} when the whole message was rejected
 * @param payload the first 4 KiB of the message, as text
 */
public record DeadLetter(RejectReason reason, String detail, String topic, Integer index, String payload,
                         Instant receivedAt) {

    /** An HJ 212 password: {@code PW=} up to the next field separator. */
    private static final Pattern PASSWORD = Pattern.compile("(PW=)[^;&\\s]*");

    /** CONTRACT §3: a dead letter never carries a secret, so an HJ 212 {@code PW=} value is masked. */
    public DeadLetter {
        payload = masked(payload);
        detail = masked(detail);
    }

    static String masked(String text) {
        return text == null || !text.contains("PW=") ? text : PASSWORD.matcher(text).replaceAll("$1***");
    }

    /** A dead letter for a message, or for the reading at {@code index} of a batch. */
    public static DeadLetter of(IncomingMessage m, Integer index, Rejection r) {
        return new DeadLetter(r.reason(), r.detail(), m.topic(), index, DeadLetterCodec.excerpt(m.payload()),
                m.receivedAt());
    }
}
