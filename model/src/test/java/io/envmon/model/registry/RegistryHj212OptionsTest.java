package io.envmon.model.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.PointType;
import io.envmon.model.SiteKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional {@code hj212} block on stations, sections and outlets (docs/registry.md). */
class RegistryHj212OptionsTest {

    @Test
    void optionsAreReadAndIndexedByMn() {
        Registry r = RegistryFiles.parse("""
                air:
                  - {id: A1, name: a, mn: "14070301501205", hj212: {password: "654321", units: {a34004: ng/m3}, timeZone: Asia/Urumqi}}
                  - {id: A2, name: b, mn: "14070301501206"}
                water:
                  - {id: W1, name: w, targetClass: III, mn: "W-1", hj212: {password: ""}}
                enterprises:
                  - id: E1
                    name: e
                    outlets:
                      - {id: DA001, type: stack, mn: "010000A8900016F000169DC0", hj212: {units: {flow: m3/h}}}
                """, "test");
        Hj212Options a1 = r.hj212Options("14070301501205").orElseThrow();
        assertEquals("654321", a1.password());
        assertEquals(Map.of("a34004", "ng/m3"), a1.units());
        assertEquals("Asia/Urumqi", a1.timeZone());
        assertTrue(r.hj212Options("14070301501206").isEmpty());
        assertEquals("", r.hj212Options("W-1").orElseThrow().password());
        Hj212Options outlet = r.hj212Options("010000A8900016F000169DC0").orElseThrow();
        assertNull(outlet.password());
        assertNull(outlet.timeZone());
        assertEquals(Map.of("flow", "m3/h"), outlet.units());
        assertEquals("010000A8900016F000169DC0",
                r.mn(new MonitoredPoint(SiteKind.ENTERPRISE, "E1", "DA001", PointType.STACK)).orElseThrow());
        assertEquals("14070301501206", r.mn(new MonitoredPoint(SiteKind.AIR, "A2", null, PointType.AIR_STATION)).orElseThrow());
    }

    @Test
    void aRegistryWithoutTheBlockIsUnchanged() {
        Registry r = RegistryFiles.parse("air:\n  - {id: A1, name: a, mn: \"1\"}\n", "test");
        assertNull(r.air().get(0).hj212());
        assertTrue(r.hj212Options("1").isEmpty());
    }

    @Test
    void badOptionsAreNamed() {
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryFiles.parse("""
                air:
                  - {id: A1, name: a, hj212: {password: "1"}}
                  - {id: A2, name: b, mn: "2", hj212: {timeZone: Mars/Olympus}}
                  - {id: A3, name: c, mn: "3", hj212: {units: {a34004: ""}}}
                  - {id: A4, name: d, mn: "4", hj212: {pasword: "1"}}
                """, "test"));
        assertTrue(e.getMessage().contains("pasword"), e.getMessage());
        RegistryException semantic = assertThrows(RegistryException.class, () -> RegistryFiles.parse("""
                air:
                  - {id: A1, name: a, hj212: {password: "1"}}
                  - {id: A2, name: b, mn: "2", hj212: {timeZone: Mars/Olympus}}
                  - {id: A3, name: c, mn: "3", hj212: {units: {a34004: ""}}}
                """, "test"));
        assertTrue(semantic.getMessage().contains("air[0].hj212: HJ 212 settings need an mn"), semantic.getMessage());
        assertTrue(semantic.getMessage().contains("air[1].hj212.timeZone: 'Mars/Olympus'"), semantic.getMessage());
        assertTrue(semantic.getMessage().contains("air[2].hj212.units"), semantic.getMessage());
    }

    @Test
    void theBlockSurvivesAWriteAndReadRoundTrip() {
        Registry r = RegistryFiles.parse(
                "air:\n  - {id: A1, name: a, mn: \"1\", hj212: {password: \"9\", units: {pm25: ng/m3}}}\n", "test");
        Registry again = RegistryFiles.parse(RegistryFiles.toYaml(r), "round trip");
        assertEquals(r.air(), again.air());
    }
}
