package io.envmon.hj212;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Validated settings of the codec and the stream framer.
 *
 * @param mode             strict or lenient (see {@link ParseMode})
 * @param zone             the zone of {@code DataTime} and other local times in frames; devices send Beijing time
 * @param maxSegmentLength the largest length field accepted: 1024 in the standard (hj212.md §1.2), up to 9999 in
 *                         lenient mode because real frames of 1025 and 1623 bytes exist (hj212.md §1.6 step 4)
 * @param acceptModbusCrc  lenient only: accept a CRC-16/MODBUS (also byte-swapped) with a warning, for the
 *                         devices hj212.md §2.3 lists; off by default because the standard says to drop them, and
 *                         no setting of the service turns it on (a codec option for other callers)
 */
public record Hj212Config(ParseMode mode, ZoneId zone, int maxSegmentLength, boolean acceptModbusCrc) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    /** The standard's limit on the data segment (hj212.md §1.2, Table 2). */
    public static final int STANDARD_MAX_SEGMENT = 1024;
    /** The most a 4-digit length field can say. */
    public static final int LENIENT_MAX_SEGMENT = 9999;

    public Hj212Config {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(zone, "zone");
        if (maxSegmentLength < 1 || maxSegmentLength > LENIENT_MAX_SEGMENT) {
            throw new IllegalArgumentException("maxSegmentLength must be 1..9999, was " + maxSegmentLength);
        }
        if (acceptModbusCrc && mode == ParseMode.STRICT) {
            throw new IllegalArgumentException("acceptModbusCrc needs lenient mode");
        }
    }

    public static Hj212Config strict() {
        return new Hj212Config(ParseMode.STRICT, DEFAULT_ZONE, STANDARD_MAX_SEGMENT, false);
    }

    public static Hj212Config lenient() {
        return new Hj212Config(ParseMode.LENIENT, DEFAULT_ZONE, LENIENT_MAX_SEGMENT, false);
    }

    public Hj212Config withZone(ZoneId newZone) {
        return new Hj212Config(mode, newZone, maxSegmentLength, acceptModbusCrc);
    }

    public boolean strictMode() {
        return mode == ParseMode.STRICT;
    }
}
