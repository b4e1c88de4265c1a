package io.envmon.model.registry;

/**
 * An ambient air-quality station (CONTRACT §6).
 *
 * @param expectedIntervalSeconds how often it reports; {@code null} means the kind's default
 */
public record AirStation(String id, String name, Double lat, Double lon, String mn, Integer expectedIntervalSeconds) {
}
