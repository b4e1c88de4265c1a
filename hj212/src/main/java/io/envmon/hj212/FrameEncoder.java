package io.envmon.hj212;

import java.nio.charset.StandardCharsets;

/**
 * Builds frames: {@code "##" + LEN + segment + CRC + CRLF} (hj212.md §1.1), LEN the segment's UTF-8 byte count
 * (hj212.md §2.5 recommendation), CRC the standard's (§2) in upper case. Used for replies and by the simulator.
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    public static byte[] encode(OutboundFrame frame) {
        return frame(frame.segment());
    }

    public static String encodeToString(OutboundFrame frame) {
        return new String(encode(frame), StandardCharsets.UTF_8);
    }

    /**
     * Frames a data segment.
     *
     * @throws IllegalArgumentException when the segment is over 9999 bytes, which a 4-digit length cannot say
     *                                  (over 1024 is legal to build but strict receivers reject it; split instead)
     */
    public static byte[] frame(String segment) {
        byte[] seg = segment.getBytes(StandardCharsets.UTF_8);
        if (seg.length > Hj212Config.LENIENT_MAX_SEGMENT) {
            throw new IllegalArgumentException("segment of " + seg.length + " bytes does not fit a 4-digit length");
        }
        String head = String.format("##%04d", seg.length);
        String tail = Hj212Crc.hex(Hj212Crc.compute(seg)) + "\r\n";
        byte[] out = new byte[head.length() + seg.length + tail.length()];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(seg, 0, out, head.length(), seg.length);
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, head.length() + seg.length, tail.length());
        return out;
    }
}
