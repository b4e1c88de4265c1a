package io.envmon.model;

import java.util.Locale;

/**
 * What a monitor measures, which decides its canonical parameters (CONTRACT §2): an ambient air station,
 * a water section, or an enterprise outlet of one of two types.
 */
public enum PointType {
    AIR_STATION,
    WATER_SECTION,
    STACK,
    WASTEWATER;

    /** Parses an outlet's {@code type} from the registry ({@code stack} or {@code wastewater}). */
    public static PointType ofOutletType(String type) {
        if (type == null) {
            throw new IllegalArgumentException("outlet type is missing (expected stack or wastewater)");
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "stack" -> STACK;
            case "wastewater" -> WASTEWATER;
            default -> throw new IllegalArgumentException(
                    "outlet type '" + type + "' is not one of stack, wastewater");
        };
    }

    public String registryName() {
        return switch (this) {
            case AIR_STATION -> "air";
            case WATER_SECTION -> "water";
            case STACK -> "stack";
            case WASTEWATER -> "wastewater";
        };
    }
}
