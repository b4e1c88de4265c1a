package io.envmon.hj212;

import java.util.Objects;

/**
 * The fields of a frame to send. {@code null} fields are left out; the rest are written in the standard's order
 * {@code QN;ST;CN;PW;MN;Flag;PNUM;PNO;RF;CP} (hj212.md §1.3, §7).
 *
 * @param cp the data region text without the {@code &&} around it (see {@link DataRegionCodec#encode})
 */
public record OutboundFrame(String qn, String st, String cn, String pw, String mn, Integer flag, Integer pnum,
                            Integer pno, String rf, String cp) {

    public OutboundFrame {
        Objects.requireNonNull(st, "st");
        Objects.requireNonNull(cn, "cn");
        Objects.requireNonNull(cp, "cp");
        if ((pnum == null) != (pno == null)) {
            throw new IllegalArgumentException("PNUM and PNO come together");
        }
    }

    /** An unsplit frame (the usual upload or reply). */
    public static OutboundFrame of(String qn, String st, String cn, String pw, String mn, Integer flag, String cp) {
        return new OutboundFrame(qn, st, cn, pw, mn, flag, null, null, null, cp);
    }

    /** The data segment: what the length field counts and the CRC covers. */
    public String segment() {
        StringBuilder s = new StringBuilder(64 + cp.length());
        field(s, "QN", qn);
        field(s, "ST", st);
        field(s, "CN", cn);
        field(s, "PW", pw);
        field(s, "MN", mn);
        field(s, "Flag", flag == null ? null : flag.toString());
        field(s, "PNUM", pnum == null ? null : pnum.toString());
        field(s, "PNO", pno == null ? null : pno.toString());
        field(s, "RF", rf);
        return s.append("CP=&&").append(cp).append("&&").toString();
    }

    private static void field(StringBuilder s, String key, String value) {
        if (value != null) {
            s.append(key).append('=').append(value).append(';');
        }
    }
}
