package io.envmon.alerts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Alert severity (CONTRACT §5), lowest first, so {@code compareTo} orders by gravity. */
public enum Severity {
    INFO,
    WARNING,
    MAJOR,
    CRITICAL;

    /** {@code info}, {@code warning}, {@code major}, {@code critical}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code info}, {@code warning}, {@code major}, {@code critical}: every wire name, lowest first. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Severity::wire).toList();
    }

    /** @throws IllegalArgumentException naming the accepted values */
    @JsonCreator
    public static Severity fromWire(String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.wire().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("severity '" + text + "' is not one of " + String.join(", ", wireNames()));
    }

    /** The graver of two severities. */
    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
