package io.envmon.hj212.mapping;

import io.envmon.hj212.Hj212Config;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Hj212Options;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.MqttUsers;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryException;
import io.envmon.model.registry.WaterSection;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry seen from HJ 212: every point that has an {@code mn}, with its optional password and how its frames
 * map (point type, clock zone, unit overrides from the entry's {@code hj212} block; docs/hj212.md, "Per-device
 * settings in the registry"). The service looks devices up by MN, the simulator by point. Built once, where a unit
 * override that names no code or cannot be converted is an error. Immutable, thread-safe.
 */
public final class Hj212Devices {

    /**
     * One registered device.
     *
     * @param password the PW from the passwords file ({@link DevicePasswords}), else from its registry entry, or
     *                 {@code null} when neither sets one (the service then refuses its frames unless
     *                 {@code ENVMON_HJ212_REQUIRE_PASSWORD=false}; the simulator sends a default)
     */
    public record Device(String mn, MonitoredPoint point, String password, MappingOptions mapping) {

        /**
         * Who may write for this device: its enterprise (every outlet alike), or its station or section. The same
         * unit the broker's ACL gives one account to, and named as that account ({@code enterprise-E001}).
         */
        public String owner() {
            return MqttUsers.of(point.kind(), point.site());
        }

        /** The zone of the device's clock ({@code DataTime}, {@code QN}). */
        public ZoneId zone() {
            return mapping.zone();
        }

        /** What the device sends where it differs from the units envmon assumes. */
        public UnitOverrides units() {
            return mapping.units();
        }
    }

    private final Map<String, Device> byMn = new HashMap<>();
    private final Map<MonitoredPoint, Device> byPoint = new HashMap<>();

    /** Devices whose entry names no zone keep {@link Hj212Config#DEFAULT_ZONE} (Beijing time). */
    public Hj212Devices(Registry registry) {
        this(registry, Hj212Config.DEFAULT_ZONE);
    }

    /** With the registry's passwords only. */
    public Hj212Devices(Registry registry, ZoneId defaultZone) {
        this(registry, defaultZone, DevicePasswords.none());
    }

    /**
     * @param defaultZone the zone of devices whose entry names none ({@code ENVMON_HJ212_TIME_ZONE} in the service)
     * @param passwords   PWs by MN that win over the registry's {@code hj212.password}
     * @throws RegistryException listing every bad {@code hj212.units} entry
     */
    public Hj212Devices(Registry registry, ZoneId defaultZone, DevicePasswords passwords) {
        List<String> problems = new ArrayList<>();
        for (MonitoredPoint point : registry.points()) {
            Optional<String> mn = registry.mn(point);
            if (mn.isEmpty()) {
                continue;
            }
            Hj212Options options = registry.hj212Options(mn.get()).orElse(null);
            MappingOptions mapping = MappingOptions.of(point.type()).withZone(defaultZone);
            String password = null;
            if (options != null) {
                password = options.password();
                if (options.timeZone() != null) {
                    mapping = mapping.withZone(ZoneId.of(options.timeZone()));
                }
                try {
                    UnitOverrides units = UnitOverrides.parse(options.units());
                    units.problems(point.type()).forEach(p -> problems.add(point.label() + " (mn " + mn.get() + "): " + p));
                    mapping = mapping.withUnits(units);
                } catch (IllegalArgumentException e) {
                    problems.add(point.label() + " (mn " + mn.get() + "): " + e.getMessage());
                }
            }
            Device device = new Device(mn.get(), point, passwords.of(mn.get()).orElse(password), mapping);
            byMn.put(mn.get(), device);
            byPoint.put(point, device);
        }
        if (!problems.isEmpty()) {
            throw new RegistryException("hj212.units: " + String.join("; ", problems));
        }
    }

    /** The device that sends frames with this MN. */
    public Optional<Device> find(String mn) {
        return Optional.ofNullable(byMn.get(mn));
    }

    /** The device of this point, if the point has an MN. */
    public Optional<Device> of(MonitoredPoint point) {
        return Optional.ofNullable(byPoint.get(point));
    }

    public int size() {
        return byMn.size();
    }

    /** The devices with no password from either source, in no particular order. */
    public List<Device> withoutPassword() {
        return byMn.values().stream().filter(d -> d.password() == null).toList();
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
