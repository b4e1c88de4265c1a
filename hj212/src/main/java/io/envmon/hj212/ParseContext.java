package io.envmon.hj212;

import java.util.ArrayList;
import java.util.List;

/**
 * The mode and the warnings of one parse. Deviations go through {@link #tolerate}: one place decides that strict
 * mode rejects them and lenient mode records them, so the two modes cannot drift apart rule by rule.
 */
final class ParseContext {

    private final ParseMode mode;
    private final List<String> warnings = new ArrayList<>();

    ParseContext(ParseMode mode) {
        this.mode = mode;
    }

    boolean strict() {
        return mode == ParseMode.STRICT;
    }

    /** A deviation from the standard: fatal in strict mode, a warning in lenient mode. */
    void tolerate(String problem) {
        if (strict()) {
            throw new FrameFormatException(problem);
        }
        warnings.add(problem);
    }

    /** As {@link #tolerate(String)}; lenient mode also records what it did about it. */
    void tolerate(String problem, String lenientOutcome) {
        if (strict()) {
            throw new FrameFormatException(problem);
        }
        warnings.add(problem + "; " + lenientOutcome);
    }

    /** A remark accepted in both modes. */
    void note(String remark) {
        warnings.add(remark);
    }

    /** Fatal in both modes. */
    FrameFormatException fail(String problem) {
        return new FrameFormatException(problem);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
