package io.envmon.hj212.mapping;

import io.envmon.model.DataFlag;
import java.util.Locale;
import java.util.Map;

/**
 * HJ 212 data flags ({@code xxxxxx-Flag}, hj212.md §4.4, standards.md §5.2) to the contract's letters
 * (CONTRACT §2: N F M S D C T B).
 *
 * <ul>
 *   <li>2017/2025 letters map to themselves (lower case accepted).</li>
 *   <li>HJ/T 212-2005: {@code P} (power failure) becomes {@code D}, the contract's "data invalid because of the
 *       instrument"; {@code F} (2005: emission source stopped) stays {@code F} "stopped"; {@code C} (2005: check)
 *       stays {@code C}. 2005 ambient-air digits: {@code 0} calibration → {@code C}, {@code 1} meteorological
 *       parameter → {@code N}, {@code 2} abnormal → {@code D}, {@code 3} normal → {@code N}.</li>
 *   <li>Anything else (provincial letters like {@code H}, multi-letter flags like {@code Md}) is kept as its first
 *       character, upper-cased, and reported as a problem; the reading path accepts any one letter or digit
 *       (ReadingCodec), so the information is not lost, and alerts treat non-N as not normal.</li>
 * </ul>
 */
public final class FlagMapping {

    private static final Map<String, String> HJT_2005 = Map.of(
            "P", "D",
            "0", "C",
            "1", "N",
            "2", "D",
            "3", "N");

    private FlagMapping() {
    }

    /**
     * @param letter  the contract's letter
     * @param problem why the raw flag was not a known one, or {@code null}
     */
    public record MappedFlag(String letter, String problem) {
    }

    /** An absent or empty flag is {@code N} (CONTRACT §2: "missing means N"). */
    public static MappedFlag map(String raw) {
        if (raw == null || raw.isBlank()) {
            return new MappedFlag(DataFlag.N.name(), null);
        }
        String flag = raw.trim();
        String upper = flag.toUpperCase(Locale.ROOT);
        if (DataFlag.isKnown(upper)) {
            return new MappedFlag(upper, null);
        }
        String old = HJT_2005.get(upper);
        if (old != null) {
            return new MappedFlag(old, null);
        }
        char first = upper.charAt(0);
        String kept = Character.isLetterOrDigit(first) && first < 128 ? String.valueOf(first) : DataFlag.D.name();
        return new MappedFlag(kept, "flag '" + flag + "' is not an HJ 212 flag; stored as '" + kept + "'");
    }
}
