package io.envmon.hj212.mapping;

import io.envmon.hj212.Hj212Config;
import io.envmon.model.PointType;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to map one device's frames, from the registry entry its MN resolved to.
 *
 * @param pointType what the device measures, which decides the code table
 * @param zone      the device's clock zone for {@code DataTime} (default Asia/Shanghai)
 * @param units     the device's unit overrides
 */
public record MappingOptions(PointType pointType, ZoneId zone, UnitOverrides units) {

    public MappingOptions {
        Objects.requireNonNull(pointType, "pointType");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(units, "units");
    }

    public static MappingOptions of(PointType pointType) {
        return new MappingOptions(pointType, Hj212Config.DEFAULT_ZONE, UnitOverrides.NONE);
    }

    public MappingOptions withUnits(UnitOverrides overrides) {
        return new MappingOptions(pointType, zone, overrides);
    }

    public MappingOptions withZone(ZoneId newZone) {
        return new MappingOptions(pointType, newZone, units);
    }
}
