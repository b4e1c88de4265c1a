package io.envmon.hj212;

/**
 * The protocol version carried in bits 2..7 of {@code Flag} (hj212.md §1.4): {@code 000000} HJ/T 212-2005,
 * {@code 000001} HJ 212-2017, {@code 000010} HJ 212-2025 (and the surface-water protocol, hj212.md §7).
 */
public enum ProtocolVersion {
    V2005(0),
    V2017(1),
    V2025(2),
    /** Version bits no published revision uses (rejected in strict mode, kept in lenient mode). */
    UNKNOWN(-1);

    private final int bits;

    ProtocolVersion(int bits) {
        this.bits = bits;
    }

    /** The value of bits V5..V0, or -1 for {@link #UNKNOWN}. */
    public int bits() {
        return bits;
    }

    public static ProtocolVersion ofBits(int bits) {
        for (ProtocolVersion v : values()) {
            if (v.bits == bits) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
