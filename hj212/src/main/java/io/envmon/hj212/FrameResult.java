package io.envmon.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What {@link FrameDecoder} cuts out of a byte stream: a frame to parse, or bytes that are not one. */
public sealed interface FrameResult permits FrameResult.RawFrame, FrameResult.FramingError {

    /**
     * The bytes of one frame from {@code ##} through the 4 CRC characters, without the CRLF. Its CRC and syntax
     * are not checked yet: that is {@link Hj212Codec}'s job.
     */
    record RawFrame(byte[] bytes) implements FrameResult {

        public RawFrame {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The frame as text (UTF-8; invalid sequences replaced), for logs and tests. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RawFrame other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "RawFrame[" + text() + "]";
        }
    }

    /**
     * Bytes that were skipped: noise before {@code ##}, or a frame whose framing is broken. Meant for a
     * {@code bad_frame} dead-letter (CONTRACT §3); the device gets no reply.
     *
     * @param problem what was wrong
     * @param detail  human-readable detail
     * @param excerpt the skipped bytes, at most {@link FrameDecoder#EXCERPT_LIMIT} of them
     */
    record FramingError(Problem problem, String detail, byte[] excerpt) implements FrameResult {

        /** The kinds of framing error (hj212.md §1.6). */
        public enum Problem {
            /** Bytes before {@code ##} that are not whitespace (DTU banners, vendor heartbeats). */
            NOISE,
            /** {@code ##} not followed by 4 decimal digits (e.g. a 2-digit length). */
            BAD_LENGTH_FIELD,
            /** Length field over the configured maximum, or a frame that never ends. */
            TOO_LARGE,
            /** Strict mode: the frame ends (by {@code &&}+CRC+CRLF) somewhere else than its length field says. */
            LENGTH_MISMATCH,
            /** No {@code &&} + 4 hex digits where the frame ends. */
            BAD_TRAILER,
            /** The stream ended inside a frame. */
            TRUNCATED
        }

        public FramingError {
            excerpt = excerpt.clone();
        }

        @Override
        public byte[] excerpt() {
            return excerpt.clone();
        }

        public String excerptText() {
            return new String(excerpt, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FramingError other && problem == other.problem && detail.equals(other.detail)
                    && Arrays.equals(excerpt, other.excerpt);
        }

        @Override
        public int hashCode() {
            return 31 * problem.hashCode() + Arrays.hashCode(excerpt);
        }

        @Override
        public String toString() {
            return "FramingError[" + problem + ": " + detail + ": " + excerptText() + "]";
        }
    }
}
