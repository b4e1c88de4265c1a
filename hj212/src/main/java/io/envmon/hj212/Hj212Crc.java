package io.envmon.hj212;

import java.nio.charset.StandardCharsets;

/**
 * The CRC of HJ 212 (HJ 212-2017 Appendix A, "ANSI CRC16"; hj212.md §2), computed over the bytes of the data
 * segment (everything between the 4-digit length and the CRC) and written as 4 upper-case hex digits, high byte
 * first.
 *
 * <p>It is <b>not</b> CRC-16/MODBUS (hj212.md §2.2): each byte is combined with {@code crc = (crc >> 8) ^ b}, which
 * throws the low byte away, where MODBUS does {@code crc ^= b}. Same init (0xFFFF) and polynomial (0xA001), but
 * different results. {@link #modbus} exists only so that a lenient receiver can recognise devices that got this
 * wrong (hj212.md §2.3); it is never used to sign a frame.
 */
public final class Hj212Crc {

    private Hj212Crc() {
    }

    /** The HJ 212 CRC of {@code len} bytes of {@code data} from {@code off} (hj212.md §2.3, Java form). */
    public static int compute(byte[] data, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            // the standard XORs the byte with the register's HIGH byte and drops the low byte (§2.1 step 3)
            crc = (crc >>> 8) ^ (data[i] & 0xFF);
            for (int j = 0; j < 8; j++) {
                boolean lsb = (crc & 1) != 0;
                crc >>>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** The CRC text of a segment given as text: computed over its UTF-8 bytes (hj212.md §2.3, §2.5). */
    public static String of(String segment) {
        return hex(compute(segment.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code %04X}: 4 upper-case hex digits, high byte first (hj212.md §1.1). */
    public static String hex(int crc) {
        return String.format("%04X", crc & 0xFFFF);
    }

    /**
     * Reads a received CRC text; hex digits in either case are accepted, since lower-case CRCs are common in
     * real traffic (hj212.md §2.3, §8.2).
     *
     * @return 0..0xFFFF, or -1 when the text is not exactly 4 hex digits
     */
    public static int parse(CharSequence text) {
        if (text == null || text.length() != 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /** Whether a received CRC text (any case) equals a computed CRC. {@code 0000} is a legal CRC. */
    public static boolean matches(CharSequence text, int crc) {
        return parse(text) == (crc & 0xFFFF);
    }

    /** CRC-16/MODBUS, for recognising devices that send it instead (hj212.md §2.2, §2.3); never for signing. */
    public static int modbus(byte[] data, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int j = 0; j < 8; j++) {
                boolean lsb = (crc & 1) != 0;
                crc >>>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    /** The two bytes of a 16-bit value swapped: MODBUS CRCs printed low byte first (hj212.md §2.3). */
    public static int swapBytes(int crc) {
        return ((crc & 0xFF) << 8) | ((crc >>> 8) & 0xFF);
    }
}
