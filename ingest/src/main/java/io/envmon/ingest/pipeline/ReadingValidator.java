package io.envmon.ingest.pipeline;

import io.envmon.model.Parameter;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.Reading;
import io.envmon.model.RejectReason;
import io.envmon.model.Rejection;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a decoded reading against the contract: event time not too far in the future, canonical parameter
 * names for the point's type, values finite and within physical ranges. The first problem found is the reason.
 */
public final class ReadingValidator {

    /** The oldest time InfluxDB stores (−2^63 ns from 1970), to the millisecond above it. */
    static final Instant STORABLE_FROM = Instant.parse("1677-09-21T00:12:43.146Z");

    private final Duration maxClockSkew;

    public ReadingValidator(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    public Optional<Rejection> check(Reading reading, MonitoredPoint point, Instant now) {
        if (reading.ts().isBefore(STORABLE_FROM)) {
            // InfluxDB stores nanoseconds since 1970 in 64 bits: older points fail every write attempt
            return Optional.of(Rejection.of(RejectReason.BAD_TIMESTAMP, "ts " + reading.ts()
                    + " is before " + STORABLE_FROM + ", the oldest time InfluxDB can store"));
        }
        if (reading.ts().isAfter(now.plus(maxClockSkew))) {
            return Optional.of(Rejection.of(RejectReason.BAD_TIMESTAMP, "ts " + reading.ts() + " is "
                    + Duration.between(now, reading.ts()).toSeconds() + " s ahead of the service clock (allowed skew "
                    + maxClockSkew.toSeconds() + " s)"));
        }
        Map<String, Parameter> known = ParameterCatalog.of(point.type());
        for (String name : reading.values().keySet()) {
            if (!known.containsKey(name)) {
                return Optional.of(unknown(name, point, known));
            }
        }
        for (String name : reading.flags().keySet()) {
            if (!known.containsKey(name)) {
                return Optional.of(unknown(name, point, known));
            }
        }
        for (Map.Entry<String, Double> value : reading.values().entrySet()) {
            Parameter p = known.get(value.getKey());
            if (!p.inRange(value.getValue())) {
                return Optional.of(Rejection.of(RejectReason.OUT_OF_RANGE, p.name() + " = " + value.getValue()
                        + (Double.isFinite(value.getValue()) ? " is outside the physical range " + fmt(p.min()) + ".."
                        + fmt(p.max()) + (p.unit().isEmpty() ? "" : " " + p.unit()) : " is not a finite number")));
            }
        }
        return Optional.empty();
    }

    private static Rejection unknown(String name, MonitoredPoint point, Map<String, Parameter> known) {
        return Rejection.of(RejectReason.UNKNOWN_PARAMETER, "'" + name + "' is not a parameter of " + describe(point)
                + " (known: " + String.join(", ", known.keySet()) + ")");
    }

    private static String describe(MonitoredPoint point) {
        return switch (point.type()) {
            case AIR_STATION -> "an air station";
            case WATER_SECTION -> "a water section";
            case STACK -> "a stack outlet";
            case WASTEWATER -> "a wastewater outlet";
        };
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
