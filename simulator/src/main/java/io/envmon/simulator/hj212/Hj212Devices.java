package io.envmon.simulator.hj212;

import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.mapping.UnitOverrides;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Hj212Options;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated HJ 212 data loggers: every point of the registry that has an {@code mn}. Points without one have
 * no HJ 212 identity and are left out of an HJ 212 run ({@link #withMnOnly}); the run says how many.
 */
public final class Hj212Devices {

    /** The PW a simulated device sends when its registry entry sets no {@code hj212.password}. */
    public static final String DEFAULT_PASSWORD = "123456";

    /** One simulated device. */
    public record Device(String mn, String password, ZoneId zone, UnitOverrides units) {
    }

    private final Map<MonitoredPoint, Device> byPoint = new HashMap<>();

    public Hj212Devices(Registry registry) {
        for (MonitoredPoint point : registry.points()) {
            registry.mn(point).ifPresent(mn -> {
                Hj212Options o = registry.hj212Options(mn).orElse(null);
                String pw = o == null || o.password() == null ? DEFAULT_PASSWORD : o.password();
                ZoneId zone = o == null || o.timeZone() == null ? Hj212Config.DEFAULT_ZONE : ZoneId.of(o.timeZone());
                UnitOverrides units = o == null ? UnitOverrides.NONE : UnitOverrides.parse(o.units());
                byPoint.put(point, new Device(mn, pw, zone, units));
            });
        }
    }

    public Optional<Device> of(MonitoredPoint point) {
        return Optional.ofNullable(byPoint.get(point));
    }

    /** The registry without the points that have no {@code mn} (enterprises left with no outlet are dropped). */
    public static Registry withMnOnly(Registry registry) {
        List<AirStation> air = registry.air().stream().filter(s -> s.mn() != null).toList();
        List<WaterSection> water = registry.water().stream().filter(s -> s.mn() != null).toList();
        List<Enterprise> enterprises = new ArrayList<>();
        for (Enterprise e : registry.enterprises()) {
            List<Outlet> outlets = e.outlets().stream().filter(o -> o.mn() != null).toList();
            if (!outlets.isEmpty()) {
                enterprises.add(new Enterprise(e.id(), e.name(), e.industry(), e.lat(), e.lon(), outlets));
            }
        }
        return new Registry(air, water, enterprises);
    }
}
