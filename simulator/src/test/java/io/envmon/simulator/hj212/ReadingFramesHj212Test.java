package io.envmon.simulator.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.DecodeResult;
import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.Hj212Frame;
import io.envmon.hj212.mapping.FrameMapping;
import io.envmon.hj212.mapping.FrameToReadings;
import io.envmon.hj212.mapping.MappingOptions;
import io.envmon.hj212.mapping.UnitOverrides;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A simulated reading as a CN=2011 frame: strict-valid, and mapped back by the service's mapping to the same values. */
class ReadingFramesHj212Test {

    static final Instant TS = Instant.parse("2026-11-28T01:59:00Z");

    static Map<String, Double> values(PointType type) {
        Map<String, Double> v = new LinkedHashMap<>();
        switch (type) {
            case AIR_STATION -> {
                v.put("pm25", 35.2);
                v.put("co", 0.8);
                v.put("pressure", 1013.2);
                v.put("wind_dir", 270.0);
            }
            case WATER_SECTION -> {
                v.put("ph", 7.4);
                v.put("do", 8.25);
                v.put("turbidity", 12.0);
            }
            case STACK -> {
                v.put("particulate", 8.1);
                v.put("flow", 36000.0);
                v.put("o2", 10.5);
            }
            case WASTEWATER -> {
                v.put("cod", 31.5);
                v.put("flow", 72.0);
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(PointType.class)
    void aFrameMapsBackToTheReading(PointType type) {
        Reading reading = new Reading(TS, values(type), Map.of(values(type).keySet().iterator().next(), "M"), 7L);
        byte[] bytes = ReadingFrames.realtime(type, "010000A8900016F000169DC0", "123456", "20261128095900123",
                reading, Hj212Config.DEFAULT_ZONE, UnitOverrides.NONE);
        DecodeResult r = new Hj212Codec(Hj212Config.strict()).decode(bytes);
        Hj212Frame frame = assertInstanceOf(DecodeResult.Decoded.class, r, r::toString).frame();
        assertEquals("2011", frame.cn());
        assertEquals(5, frame.flag().value());
        assertEquals(ReadingFrames.systemCode(type), frame.st());
        assertEquals("20261128095900", frame.data().field("DataTime"));
        FrameMapping.Realtime mapped = (FrameMapping.Realtime) FrameToReadings.map(frame, MappingOptions.of(type));
        Reading back = mapped.reading().orElseThrow();
        assertEquals(TS, back.ts());
        reading.values().forEach((p, v) -> assertEquals(v, back.values().get(p), 1e-6, p));
        assertEquals(reading.flags(), back.flags());
        assertTrue(mapped.unmapped().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = PointType.class, names = "STACK")
    void flueGasFlowIsSentInCubicMetresPerSecondUnlessTheRegistrySaysOtherwise(PointType type) {
        Reading reading = new Reading(TS, Map.of("flow", 36000.0));
        String asAnnex = new String(ReadingFrames.realtime(type, "m", "p", "1", reading, Hj212Config.DEFAULT_ZONE,
                UnitOverrides.NONE));
        assertTrue(asAnnex.contains("a00000-Rtd=10,"), asAnnex);
        String perHour = new String(ReadingFrames.realtime(type, "m", "p", "1", reading, Hj212Config.DEFAULT_ZONE,
                UnitOverrides.parse(Map.of("flow", "m3/h"))));
        assertTrue(perHour.contains("a00000-Rtd=36000,"), perHour);
    }
}
