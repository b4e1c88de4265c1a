package io.envmon.ingest.hj212;

import io.envmon.hj212.mapping.MappingOptions;
import io.envmon.hj212.mapping.UnitOverrides;
import io.envmon.model.registry.Hj212Options;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.MqttUsers;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry seen from HJ 212: MN → the point it reports for, its optional password, and how to map its frames
 * (point type, clock zone, unit overrides from the entry's {@code hj212} block). Built once at start-up, where a
 * unit override that names no code or cannot be converted stops the service (exit 2). Immutable, thread-safe.
 */
public final class Hj212Devices {

    /**
     * One registered device.
     *
     * @param password the PW it must send, or {@code null} to accept any
     */
    public record Device(String mn, MonitoredPoint point, String password, MappingOptions mapping) {

        /**
         * Who may write for this device: its enterprise (every outlet alike), or its station or section. The same
         * unit the broker's ACL gives one account to, and named as that account ({@code enterprise-E001}).
         */
        public String owner() {
            return MqttUsers.of(point.kind(), point.site());
        }
    }

    private final Map<String, Device> byMn = new HashMap<>();

    /**
     * @param defaultZone the zone of devices whose entry names none ({@code ENVMON_HJ212_TIME_ZONE})
     * @throws RegistryException listing every bad {@code hj212.units} entry
     */
    public Hj212Devices(Registry registry, ZoneId defaultZone) {
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
            byMn.put(mn.get(), new Device(mn.get(), point, password, mapping));
        }
        if (!problems.isEmpty()) {
            throw new RegistryException("hj212.units: " + String.join("; ", problems));
        }
    }

    public Optional<Device> find(String mn) {
        return Optional.ofNullable(byMn.get(mn));
    }

    public int size() {
        return byMn.size();
    }
}
