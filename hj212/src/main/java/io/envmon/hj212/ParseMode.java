package io.envmon.hj212;

/**
 * How much deviation from the standard the codec accepts (docs/hj212.md lists every difference).
 *
 * <ul>
 *   <li>{@link #STRICT}: what HJ 212-2017/2025 and HJ/T 212-2005 write, with only the tolerances every revision
 *       allows (header by key in any order, QN and Flag optional for 2005, CRC hex in any case). Anything else is
 *       a malformed frame.</li>
 *   <li>{@link #LENIENT}: also what real devices send (hj212.md §1.3, §1.5, §1.6, §5, §7): wrong length fields
 *       when the CRC is right, segments up to 9999 bytes, unknown header keys, Flag/PNUM disagreements,
 *       17-digit DataTime, a missing closing {@code &&}. Each tolerance is reported as a warning.</li>
 * </ul>
 */
public enum ParseMode {
    STRICT,
    LENIENT
}
