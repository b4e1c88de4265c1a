package io.envmon.model.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.PointType;
import io.envmon.model.Topic;
import org.junit.jupiter.api.Test;

class RegistryTest {

    static final String CONTRACT_EXAMPLE = """
            air:
              - {id: TG-A01, name: 太谷区监测站, lat: 37.42, lon: 112.55, mn: "88888880000001"}
            water:
              - {id: XYH-01, name: 象峪河某断面, river: 象峪河, targetClass: III, mn: "88888880000101"}
            enterprises:
              - id: E001
                name: 某玛钢铸造有限公司
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, referenceO2: null, mn: "010000A8900016F000169DC0", limits: {particulate: 30, so2: 100, nox: 200}}
                  - {id: DW001, type: wastewater, limits: {cod: 50, nh3n: 5, ph: [6, 9]}}
            """;

    @Test
    void theContractsExampleLoadsAndResolves() {
        Registry r = RegistryFiles.parse(CONTRACT_EXAMPLE, "example");
        assertEquals(4, r.points().size());
        assertEquals(PointType.STACK, r.resolve(Topic.enterprise("E001", "DA001")).orElseThrow().type());
        assertEquals("XYH-01", r.byMn("88888880000101").orElseThrow().site());
        Outlet dw = r.enterprise("E001").orElseThrow().outlets().get(1);
        assertEquals(Limit.range(6, 9), dw.limits().get("ph"));
        assertEquals(Limit.upTo(50), dw.limits().get("cod"));
    }

    @Test
    void itSurvivesAWriteAndReadRoundTrip() {
        Registry r = RegistryFiles.parse(CONTRACT_EXAMPLE, "example");
        Registry again = RegistryFiles.parse(RegistryFiles.toYaml(r), "round trip");
        assertEquals(r.points(), again.points());
        assertEquals(r.enterprises(), again.enterprises());
    }

    @Test
    void mistakesAreNamedWithTheirPlace() {
        String bad = """
                air:
                  - {id: TG-A01}
                  - {id: TG-A01}
                water:
                  - {id: XYH-01, targetClass: VI}
                enterprises:
                  - id: E001
                    outlets:
                      - {id: DA001, type: chimney}
                      - {id: DW001, type: wastewater, limits: {nox: 5}}
                """;
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryFiles.parse(bad, "bad.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("bad.yaml"), m);
        assertTrue(m.contains("duplicate air ID 'TG-A01'"), m);
        assertTrue(m.contains("water[0].targetClass"), m);
        assertTrue(m.contains("outlets[0].type"), m);
        assertTrue(m.contains("outlets[1].limits.nox"), m);
    }

    @Test
    void aRepeatedKeyIsAnErrorNotALaterValueWinning() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryFiles.parse("air:\n  - {id: A, name: x, name: y}\n", "twice.yaml"));
        assertTrue(e.getMessage().startsWith("registry twice.yaml: not valid YAML: duplicate key 'name'"),
                e.getMessage());
    }

    @Test
    void aMisspeltKeyIsAnError() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryFiles.parse("air:\n  - {id: A, nmae: x}\n", "typo.yaml"));
        assertTrue(e.getMessage().contains("nmae"), e.getMessage());
    }

    @Test
    void theO2BasisAndAnalyserCyclesAreChecked() {
        String bad = """
                water:
                  - {id: XYH-01, targetClass: III, analyserCycleSeconds: {nh3n: 0, pm25: 3600}}
                enterprises:
                  - id: E001
                    outlets:
                      - {id: DA001, type: stack, referenceO2: 9, alphaRef: 1.7}
                      - {id: DA002, type: stack, alphaRef: 0.5, o2SuppressAt: 25}
                      - {id: DW001, type: wastewater, alphaRef: 1.7, analyserCycleSeconds: {cod: 7200}}
                """;
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryFiles.parse(bad, "bad.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("water[0].analyserCycleSeconds.nh3n: 0 must be a positive number of seconds"), m);
        assertTrue(m.contains("water[0].analyserCycleSeconds.pm25: not a parameter of a water"), m);
        assertTrue(m.contains("outlets[0].alphaRef: give either referenceO2 or alphaRef, not both"), m);
        assertTrue(m.contains("outlets[1].alphaRef: 0.5 must be an excess-air coefficient >= 1"), m);
        assertTrue(m.contains("outlets[1].o2SuppressAt: 25.0 must be above 0 and at most 21"), m);
        assertTrue(m.contains("outlets[2].alphaRef: only stack outlets"), m);
        assertTrue(!m.contains("outlets[2].analyserCycleSeconds"), m);
    }
}
