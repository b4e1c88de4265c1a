package io.envmon.alerts.air;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Which GB 3095 limit column applies (standards.md §2.1 and "Versions: read this first").
 *
 * <ul>
 *   <li>GB 3095-2012 (with its 2018 amendment): until 2026-02-28 24:00 Beijing time.</li>
 *   <li>GB 3095-2026 transitional limits: from 2026-03-01 00:00+08:00 to 2030-12-31.</li>
 *   <li>GB 3095-2026 final limits: from 2031-01-01 00:00+08:00.</li>
 * </ul>
 */
public enum Gb3095Version {
    GB3095_2012("GB3095-2012"),
    GB3095_2026_TRANSITIONAL("GB3095-2026-transitional"),
    GB3095_2026_FINAL("GB3095-2026-final");

    /** 2026-03-01T00:00+08:00. */
    public static final Instant GB3095_2026_IN_FORCE =
            OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
    /** 2031-01-01T00:00+08:00, the end of the transitional period (which runs to 2030-12-31). */
    public static final Instant GB3095_2026_FINAL_FROM =
            OffsetDateTime.of(2031, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();

    private final String code;

    Gb3095Version(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The limits in force at {@code time} (the start of the averaged period). */
    public static Gb3095Version inForceAt(Instant time) {
        Objects.requireNonNull(time, "time");
        if (time.isBefore(GB3095_2026_IN_FORCE)) {
            return GB3095_2012;
        }
        return time.isBefore(GB3095_2026_FINAL_FROM) ? GB3095_2026_TRANSITIONAL : GB3095_2026_FINAL;
    }
}
