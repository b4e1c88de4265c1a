package io.envmon.hj212;

/**
 * PNUM and PNO of a split packet (hj212.md §1.5): integers, zero padding allowed ({@code PNO=0002}), PNO in
 * 1..PNUM. Seen in the wild and tolerated in lenient mode: PNUM/PNO without bit D, bit D without PNUM/PNO. Bit D is
 * checked against them only for 2017/2025 frames, since 2005 hosts set Flag=3 on every request (hj212.md §1.4).
 */
final class SplitFields {

    private SplitFields() {
    }

    /** {@code {pnum, pno}}, or {@code null} when the frame is not (usably) split. */
    static int[] read(String pnumText, String pnoText, Flag flag, boolean checkBitD, ParseContext ctx) {
        if (pnumText == null && pnoText == null) {
            if (checkBitD && flag.split()) {
                ctx.tolerate("Flag " + flag.value() + " says split (bit D) but there is no PNUM/PNO");
            }
            return null;
        }
        if (pnumText == null || pnoText == null) {
            ctx.tolerate("PNUM and PNO must come together", "ignored");
            return null;
        }
        int pnum;
        int pno;
        try {
            pnum = Integer.parseInt(pnumText.trim());
            pno = Integer.parseInt(pnoText.trim());
        } catch (NumberFormatException e) {
            ctx.tolerate("PNUM '" + pnumText + "' / PNO '" + pnoText + "' are not numbers", "ignored");
            return null;
        }
        if (pnum < 1 || pno < 1 || pno > pnum) {
            ctx.tolerate("PNO " + pno + " of PNUM " + pnum + " is out of range", "ignored");
            return null;
        }
        if (checkBitD && flag.present() && !flag.split()) {
            ctx.tolerate("PNUM/PNO present but Flag " + flag.value() + " does not say split (bit D)");
        }
        return new int[] {pnum, pno};
    }
}
