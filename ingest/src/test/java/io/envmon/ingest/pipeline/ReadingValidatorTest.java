package io.envmon.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.PointType;
import io.envmon.model.Reading;
import io.envmon.model.RejectReason;
import io.envmon.model.Rejection;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingValidatorTest {

    private static final MonitoredPoint A01 = new MonitoredPoint(SiteKind.AIR, "TG-A01", null, PointType.AIR_STATION);
    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");
    private final ReadingValidator validator = new ReadingValidator(Duration.ofMinutes(5));

    @Test
    void aTimeInfluxDbCannotStoreIsABadTimestampNotThreeFailedWrites() {
        Rejection r = validator.check(new Reading(Instant.parse("1600-01-01T00:00:00Z"), Map.of("pm25", 10.0)), A01,
                NOW).orElseThrow();
        assertEquals(RejectReason.BAD_TIMESTAMP, r.reason());
        assertTrue(r.detail().contains("oldest time InfluxDB can store"), r.detail());
        assertTrue(validator.check(new Reading(ReadingValidator.STORABLE_FROM, Map.of("pm25", 10.0)), A01, NOW)
                .isEmpty(), "the oldest storable millisecond is taken");
    }
}
