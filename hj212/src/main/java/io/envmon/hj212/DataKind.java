package io.envmon.hj212;

import java.util.Optional;

/** The uploads that carry monitoring data (hj212.md §3.2) and the value suffix that is the reading. */
public enum DataKind {
    /** CN=2011: real-time values {@code -Rtd}; DataTime is the sampling instant. */
    REALTIME("2011"),
    /** CN=2051: minute data; DataTime is the start of the period (hj212.md §4.2). */
    MINUTE("2051"),
    /** CN=2061: hourly data, DataTime = start of the hour. */
    HOURLY("2061"),
    /** CN=2031: daily data, DataTime = start of the day. */
    DAILY("2031");

    private final String cn;

    DataKind(String cn) {
        this.cn = cn;
    }

    public String cn() {
        return cn;
    }

    public static Optional<DataKind> ofCn(String cn) {
        for (DataKind k : values()) {
            if (k.cn.equals(cn)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
