package io.envmon.hj212;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The outcome of {@link Hj212Codec#decode}: a frame, a CRC mismatch, or a malformed frame. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.CrcMismatch, DecodeResult.Malformed {

    /**
     * A frame accepted in the codec's mode.
     *
     * @param warnings the deviations lenient mode tolerated, and remarks (e.g. a length counted in characters)
     */
    record Decoded(Hj212Frame frame, List<String> warnings) implements DecodeResult {
        public Decoded {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The CRC does not match the segment. The standard's rule is "execution ends" (hj212.md §3.4 item 4): send
     * <b>no reply</b>, so the device resends after its timeout. Still a {@code bad_frame} for the dead-letter topic
     * (CONTRACT §3).
     *
     * @param received the CRC text received
     * @param computed the CRC computed over the received segment bytes
     * @param mn       the MN read from the (untrustworthy) header, for logs; {@code null} if none
     * @param qn       the QN read likewise, or {@code null}
     * @param cn       the CN read likewise, or {@code null}
     * @param text     the frame text, for the dead-letter payload
     */
    record CrcMismatch(String received, String computed, String mn, String qn, String cn, String text)
            implements DecodeResult {
    }

    /**
     * Not a frame the codec accepts in its mode: length, syntax, or a deviation strict mode rejects. A
     * {@code bad_frame} dead-letter (CONTRACT §3); no reply.
     */
    record Malformed(String reason, String text) implements DecodeResult {

        static Malformed of(String reason, byte[] raw) {
            return new Malformed(reason, new String(raw, StandardCharsets.UTF_8));
        }
    }
}
