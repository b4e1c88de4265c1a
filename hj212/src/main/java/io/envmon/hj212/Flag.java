package io.envmon.hj212;

/**
 * The header's {@code Flag} (拆分包及应答标志, hj212.md §1.4), bit layout {@code V5 V4 V3 V2 V1 V0 D A}: the protocol
 * version in bits 2..7, D (bit 1) = the packet carries PNUM/PNO, A (bit 0) = the command must be answered.
 *
 * <p>An absent Flag is treated as 0 (HJ/T 212-2005, no answer, no split), as 2005-era devices omit it
 * (hj212.md §1.4 "absent", §5 "when Flag is missing assume 2005"); {@link #present()} keeps the difference, which
 * matters for the 2005 reply forms.
 *
 * @param value   the integer sent, 0 when absent; 0..255 by the standard (larger values only in lenient mode)
 * @param present whether the header had a {@code Flag} field
 */
public record Flag(int value, boolean present) {

    /** No {@code Flag} field in the header. */
    public static final Flag ABSENT = new Flag(0, false);

    public Flag {
        if (value < 0) {
            throw new IllegalArgumentException("Flag must not be negative: " + value);
        }
        if (!present && value != 0) {
            throw new IllegalArgumentException("an absent Flag has the value 0");
        }
    }

    public static Flag of(int value) {
        return new Flag(value, true);
    }

    /** {@code flag >> 2}, the decoding used by every implementation read (hj212.md §1.4). */
    public int versionBits() {
        return value >>> 2;
    }

    public ProtocolVersion version() {
        return ProtocolVersion.ofBits(versionBits());
    }

    /** Bit A: the receiver must answer (a 9014 for uploads, hj212.md §3.4). */
    public boolean needsAnswer() {
        return (value & 1) != 0;
    }

    /** Bit D: the packet is one of a split message and carries PNUM and PNO (hj212.md §1.5). */
    public boolean split() {
        return (value & 2) != 0;
    }

    /**
     * The Flag of a reply: the sender's version bits with A and D cleared (hj212.md §3.4 proposal, {@code
     * received & 0xFC}): 4 for 2017 as in every Appendix C example, 8 for 2025, 0 for 2005.
     */
    public int replyValue() {
        return value & 0xFC;
    }
}
