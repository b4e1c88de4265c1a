package io.envmon.ingest.pipeline;

import io.envmon.model.RejectReason;
import java.time.Instant;

/**
 * A rejected message or reading (CONTRACT §3).
 *
 * @param index position in a batch, or {@code null} when the whole message was rejected
 * @param payload the first 4 KiB of the message, as text
 */
public record DeadLetter(RejectReason reason, String detail, String topic, Integer index, String payload,
                         Instant receivedAt) {
}
