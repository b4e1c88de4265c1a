package io.envmon.hj212.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.PointType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitTest {

    @ParameterizedTest(name = "{0} {1} = {3} {2}")
    @CsvSource({
        "35000, NG_M3, UG_M3, 35",
        "0.035, MG_M3, UG_M3, 35",
        "35, UG_M3, UG_M3, 35",
        "1200, UG_M3, MG_M3, 1.2",
        "101.3, KPA, HPA, 1013",
        "10, M3_S, M3_H, 36000",
        "10, L_S, M3_H, 36",
        "1.5, MS_CM, US_CM, 1500",
        "50, MS_M, US_CM, 500",
        "-123.07, KPA, HPA, -1230.7",
    })
    void convertsExactly(String value, Unit from, Unit to, String expected) {
        assertEquals(0, new BigDecimal(expected).compareTo(from.convert(new BigDecimal(value), to)));
    }

    @Test
    void refusesToConvertAcrossDimensions() {
        assertThrows(IllegalArgumentException.class, () -> Unit.MG_L.convert(BigDecimal.ONE, Unit.MG_M3));
    }

    @ParameterizedTest
    @CsvSource({
        "µg/m³, UG_M3", "ug/m3, UG_M3", "μg/m3, UG_M3", "UG/M3, UG_M3", "ng/m3, NG_M3", "mg/m³, MG_M3",
        "kPa, KPA", "hPa, HPA", "m3/s, M3_S", "m³/h, M3_H", "L/s, L_S", "%, PERCENT", "°C, CELSIUS", "℃, CELSIUS",
        "degrees, DEGREES", "µS/cm, US_CM", "mS/cm, MS_CM", "NTU, NTU", "mg/L, MG_L", "m/s, METRE_PER_SECOND",
    })
    void parsesOperatorSpellings(String text, Unit unit) {
        assertEquals(unit, Unit.parse(text).orElseThrow());
    }

    @Test
    void emptySymbolIsDimensionless() {
        assertEquals(Unit.NONE, Unit.parse("").orElseThrow());
        assertTrue(Unit.parse("furlongs").isEmpty());
    }

    @Test
    void overridesByCodeBeatOverridesByParameter() {
        CodeMapping pm25 = ParameterMapping.find(PointType.AIR_STATION, "a34004").orElseThrow();
        assertEquals(Unit.UG_M3, UnitOverrides.NONE.unitFor(pm25));
        assertEquals(Unit.NG_M3, UnitOverrides.parse(Map.of("pm25", "ng/m3")).unitFor(pm25));
        assertEquals(Unit.MG_M3, UnitOverrides.parse(Map.of("pm25", "ng/m3", "a34004", "mg/m3")).unitFor(pm25));
    }

    @Test
    void overrideProblemsAreReportedForValidation() {
        assertEquals(List.of(), UnitOverrides.parse(Map.of("a34004", "ng/m3", "pressure", "hPa"))
                .problems(PointType.AIR_STATION));
        assertEquals(2, UnitOverrides.parse(Map.of("pm25", "mg/L", "cod", "mg/L"))
                .problems(PointType.AIR_STATION).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnitOverrides.parse(Map.of("pm25", "furlongs")));
        assertTrue(e.getMessage().contains("pm25"));
    }
}
