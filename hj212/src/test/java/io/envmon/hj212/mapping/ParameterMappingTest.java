package io.envmon.hj212.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.Parameter;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** standards.md §5.1 and hj212.md §4.3, against CONTRACT §2. */
class ParameterMappingTest {

    @ParameterizedTest(name = "{0} {1} -> {2} ({3})")
    @CsvSource({
        "AIR_STATION, a34004, pm25, UG_M3",
        "AIR_STATION, a34002, pm10, UG_M3",
        "AIR_STATION, a21026, so2, UG_M3",
        "AIR_STATION, a21004, no2, UG_M3",
        "AIR_STATION, a21005, co, MG_M3",
        "AIR_STATION, a05024, o3, UG_M3",
        "AIR_STATION, a01001, temp, CELSIUS",
        "AIR_STATION, a01002, humidity, PERCENT",
        "AIR_STATION, a01006, pressure, KPA",
        "AIR_STATION, a01007, wind_speed, METRE_PER_SECOND",
        "AIR_STATION, a01008, wind_dir, DEGREES",
        "WATER_SECTION, w01001, ph, NONE",
        "WATER_SECTION, w01009, do, MG_L",
        "WATER_SECTION, w01019, codmn, MG_L",
        "WATER_SECTION, w01018, cod, MG_L",
        "WATER_SECTION, w21003, nh3n, MG_L",
        "WATER_SECTION, w21011, tp, MG_L",
        "WATER_SECTION, w21001, tn, MG_L",
        "WATER_SECTION, w01003, turbidity, NTU",
        "WATER_SECTION, w01014, conductivity, US_CM",
        "WATER_SECTION, w01010, temp, CELSIUS",
        "WATER_SECTION, 011, cod, MG_L",
        "STACK, a34013, particulate, MG_M3",
        "STACK, a21026, so2, MG_M3",
        "STACK, a21002, nox, MG_M3",
        "STACK, a24088, nmhc, MG_M3",
        "STACK, a19001, o2, PERCENT",
        "STACK, a00000, flow, M3_S",
        "STACK, a01012, temp, CELSIUS",
        "STACK, 01, particulate, MG_M3",
        "STACK, 02, so2, MG_M3",
        "STACK, 03, nox, MG_M3",
        "STACK, S01, o2, PERCENT",
        "STACK, B02, flow, M3_S",
        "STACK, S03, temp, CELSIUS",
        "WASTEWATER, w01018, cod, MG_L",
        "WASTEWATER, w21003, nh3n, MG_L",
        "WASTEWATER, w21011, tp, MG_L",
        "WASTEWATER, w21001, tn, MG_L",
        "WASTEWATER, w01001, ph, NONE",
        "WASTEWATER, w00000, flow, L_S",
        "WASTEWATER, 011, cod, MG_L",
        "WASTEWATER, 060, nh3n, MG_L",
        "WASTEWATER, 101, tp, MG_L",
        "WASTEWATER, 065, tn, MG_L",
        "WASTEWATER, 001, ph, NONE",
        "WASTEWATER, B01, flow, L_S",
    })
    void mapsCodesToCanonicalParameters(PointType type, String code, String parameter, Unit assumed) {
        CodeMapping m = ParameterMapping.find(type, code).orElseThrow();
        assertEquals(parameter, m.parameter());
        assertEquals(assumed, m.assumedUnit());
    }

    @ParameterizedTest
    @CsvSource({
        "STACK, a34004", "STACK, a21004", "STACK, a21005", "STACK, 04", "AIR_STATION, a34013", "AIR_STATION, 02",
        "WASTEWATER, w01009", "WATER_SECTION, w00000", "AIR_STATION, a99999", "STACK, a34013z", "STACK, A34013",
    })
    void otherCodesAreNotMapped(PointType type, String code) {
        assertTrue(ParameterMapping.find(type, code).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(PointType.class)
    void everyMappingFitsTheContract(PointType type) {
        Set<String> params = new HashSet<>();
        for (CodeMapping m : ParameterMapping.of(type)) {
            Parameter p = ParameterCatalog.find(type, m.parameter()).orElseThrow();
            assertEquals(p.unit(), m.contractUnit().symbol(), m.code());
            assertTrue(m.assumedUnit().convertibleTo(m.contractUnit()), m.code());
            assertTrue(m.annexUnit().convertibleTo(m.contractUnit()), m.code());
            assertEquals(type, m.pointType());
            params.add(m.parameter());
        }
        assertEquals(ParameterCatalog.of(type).keySet(), params,
                "every canonical parameter of " + type + " has an HJ 212 code");
    }

    @Test
    void ambientPmAssumesMicrogramsThoughTheAnnexSaysNanograms() {
        CodeMapping pm25 = ParameterMapping.find(PointType.AIR_STATION, "a34004").orElseThrow();
        assertEquals(Unit.NG_M3, pm25.annexUnit());
        assertEquals(Unit.UG_M3, pm25.assumedUnit());
    }
}
