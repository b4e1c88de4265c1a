package io.envmon.model.registry;

/**
 * An ambient air-quality station (CONTRACT §6).
 *
 * @param expectedIntervalSeconds how often it reports; {@code null} means the kind's default
 * @param hj212                   optional per-device HJ 212 settings (needs {@code mn}), or {@code null}
 */
public record AirStation(String id, String name, Double lat, Double lon, String mn, Integer expectedIntervalSeconds,
                         Hj212Options hj212) {

    /** Without HJ 212 settings. */
    public AirStation(String id, String name, Double lat, Double lon, String mn, Integer expectedIntervalSeconds) {
        this(id, name, lat, lon, mn, expectedIntervalSeconds, null);
    }
}
