package io.envmon.hj212;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed HJ 212 frame (hj212.md §1.1, §1.3). Text fields are as sent (not trimmed, not re-cased), {@code null}
 * when the header did not have them.
 *
 * @param qn          request code {@code QN}, echoed by replies; often absent in 2005 uploads
 * @param st          system code, opaque (3-character values exist, hj212.md §3.1)
 * @param cn          command code (hj212.md §3.2)
 * @param pw          password, may be empty
 * @param mn          device identifier: 24 hex chars in 2017, 14 in 2005, anything in practice
 * @param flag        decoded {@code Flag}; {@link Flag#ABSENT} when missing
 * @param pnum        total packets of a split message, or {@code null}
 * @param pno         this packet's number (1-based), or {@code null}; both or neither are set
 * @param rf          HJ 212-2025 {@code RF} (re-sent data marker, hj212.md §7), or {@code null}
 * @param extraHeader header fields the standard does not define (lenient mode only), in the order received
 * @param cp          the data region text between {@code CP=&&} and the closing {@code &&}
 * @param data        the parsed data region
 */
public record Hj212Frame(String qn, String st, String cn, String pw, String mn, Flag flag, Integer pnum, Integer pno,
                         String rf, Map<String, String> extraHeader, String cp, DataRegion data) {

    public Hj212Frame {
        Objects.requireNonNull(st, "st");
        Objects.requireNonNull(cn, "cn");
        Objects.requireNonNull(mn, "mn");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(cp, "cp");
        Objects.requireNonNull(data, "data");
        if ((pnum == null) != (pno == null)) {
            throw new IllegalArgumentException("PNUM and PNO come together");
        }
        extraHeader = extraHeader == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraHeader));
    }

    /** From the Flag's version bits; 2005 when there is no Flag (hj212.md §5). */
    public ProtocolVersion version() {
        return flag.version();
    }

    /** Flag bit A: the platform must answer (hj212.md §3.4). */
    public boolean needsAnswer() {
        return flag.needsAnswer();
    }

    /** One packet of a split message (hj212.md §1.5): has PNUM and PNO (whatever bit D says, in lenient mode). */
    public boolean isSplitPacket() {
        return pnum != null;
    }

    /** HJ 212-2025 {@code RF=1}: the device is re-sending data it sent before (hj212.md §7). */
    public boolean isResent() {
        return "1".equals(rf);
    }
}
