package io.envmon.hj212.mapping;

import static io.envmon.hj212.mapping.Unit.CELSIUS;
import static io.envmon.hj212.mapping.Unit.DEGREES;
import static io.envmon.hj212.mapping.Unit.KPA;
import static io.envmon.hj212.mapping.Unit.L_S;
import static io.envmon.hj212.mapping.Unit.METRE_PER_SECOND;
import static io.envmon.hj212.mapping.Unit.MG_L;
import static io.envmon.hj212.mapping.Unit.MG_M3;
import static io.envmon.hj212.mapping.Unit.M3_S;
import static io.envmon.hj212.mapping.Unit.NG_M3;
import static io.envmon.hj212.mapping.Unit.NONE;
import static io.envmon.hj212.mapping.Unit.NTU;
import static io.envmon.hj212.mapping.Unit.PERCENT;
import static io.envmon.hj212.mapping.Unit.UG_M3;
import static io.envmon.hj212.mapping.Unit.US_CM;

import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HJ 212 factor codes to the contract's canonical parameters, per point type (tables in standards.md §5.1 and
 * hj212.md §4.3; docs/hj212.md prints this table). Data, looked up by code whatever the frame's revision: the
 * 2005 codes (2-3 characters) and the 2017 codes (6 characters) never collide.
 *
 * <p>Assumed units differ from the annex where devices do: ambient PM, SO2 and NO2 are reported in µg/m³ by
 * national networks though Annex B prints ng/m³ (PM) and mg/m³ (gases). Any device can be told otherwise with
 * {@link UnitOverrides}. Codes not listed for a point type are kept as unmapped, never dropped.
 */
public final class ParameterMapping {

    private static final String V2017 = "HJ 212-2017";
    private static final String V2005 = "HJ/T 212-2005";
    private static final String DE_FACTO = "de facto";

    private static final Map<PointType, Map<String, CodeMapping>> TABLE = build();

    private ParameterMapping() {
    }

    public static Optional<CodeMapping> find(PointType type, String code) {
        return Optional.ofNullable(TABLE.get(type).get(code));
    }

    /** Every mapping of a point type, in table order. */
    public static List<CodeMapping> of(PointType type) {
        return List.copyOf(TABLE.get(type).values());
    }

    private static Map<PointType, Map<String, CodeMapping>> build() {
        Map<PointType, Map<String, CodeMapping>> all = new EnumMap<>(PointType.class);
        Rows air = new Rows(PointType.AIR_STATION);
        air.add("a34004", V2017, "pm25", UG_M3, NG_M3);
        air.add("a34002", V2017, "pm10", UG_M3, NG_M3);
        air.add("a21026", V2017, "so2", UG_M3, MG_M3);
        air.add("a21004", V2017, "no2", UG_M3, MG_M3);
        air.add("a21005", V2017, "co", MG_M3, MG_M3);
        air.add("a05024", DE_FACTO, "o3", UG_M3, UG_M3);
        air.add("a01001", V2017, "temp", CELSIUS, CELSIUS);
        air.add("a01002", V2017, "humidity", PERCENT, PERCENT);
        air.add("a01006", V2017, "pressure", KPA, KPA);
        air.add("a01007", V2017, "wind_speed", METRE_PER_SECOND, METRE_PER_SECOND);
        air.add("a01008", V2017, "wind_dir", DEGREES, DEGREES);
        all.put(PointType.AIR_STATION, air.done());

        Rows water = new Rows(PointType.WATER_SECTION);
        water.add("w01001", V2017, "ph", NONE, NONE);
        water.add("001", V2005, "ph", NONE, NONE);
        water.add("w01009", V2017, "do", MG_L, MG_L);
        water.add("w01019", V2017, "codmn", MG_L, MG_L);
        water.add("w01018", V2017, "cod", MG_L, MG_L);
        water.add("011", V2005, "cod", MG_L, MG_L);
        water.add("w21003", V2017, "nh3n", MG_L, MG_L);
        water.add("060", V2005, "nh3n", MG_L, MG_L);
        water.add("w21011", V2017, "tp", MG_L, MG_L);
        water.add("101", V2005, "tp", MG_L, MG_L);
        water.add("w21001", V2017, "tn", MG_L, MG_L);
        water.add("065", V2005, "tn", MG_L, MG_L);
        water.add("w01003", DE_FACTO, "turbidity", NTU, NTU);
        water.add("w01014", V2017, "conductivity", US_CM, US_CM);
        water.add("w01010", V2017, "temp", CELSIUS, CELSIUS);
        all.put(PointType.WATER_SECTION, water.done());

        Rows stack = new Rows(PointType.STACK);
        stack.add("a34013", V2017, "particulate", MG_M3, MG_M3);
        stack.add("01", V2005, "particulate", MG_M3, MG_M3);
        stack.add("a21026", V2017, "so2", MG_M3, MG_M3);
        stack.add("02", V2005, "so2", MG_M3, MG_M3);
        stack.add("a21002", V2017, "nox", MG_M3, MG_M3);
        stack.add("03", V2005, "nox", MG_M3, MG_M3);
        stack.add("a24088", V2017, "nmhc", MG_M3, MG_M3);
        stack.add("a19001", V2017, "o2", PERCENT, PERCENT);
        stack.add("S01", V2005, "o2", PERCENT, PERCENT);
        // Annex B: flue-gas flow in m³/s; some platforms send m³/h (standards.md §5.1): override per device
        stack.add("a00000", V2017, "flow", M3_S, M3_S);
        stack.add("B02", V2005, "flow", M3_S, M3_S);
        stack.add("a01012", V2017, "temp", CELSIUS, CELSIUS);
        stack.add("S03", V2005, "temp", CELSIUS, CELSIUS);
        all.put(PointType.STACK, stack.done());

        Rows wastewater = new Rows(PointType.WASTEWATER);
        wastewater.add("w01018", V2017, "cod", MG_L, MG_L);
        wastewater.add("011", V2005, "cod", MG_L, MG_L);
        wastewater.add("w21003", V2017, "nh3n", MG_L, MG_L);
        wastewater.add("060", V2005, "nh3n", MG_L, MG_L);
        wastewater.add("w21011", V2017, "tp", MG_L, MG_L);
        wastewater.add("101", V2005, "tp", MG_L, MG_L);
        wastewater.add("w21001", V2017, "tn", MG_L, MG_L);
        wastewater.add("065", V2005, "tn", MG_L, MG_L);
        wastewater.add("w01001", V2017, "ph", NONE, NONE);
        wastewater.add("001", V2005, "ph", NONE, NONE);
        wastewater.add("w00000", V2017, "flow", L_S, L_S);
        wastewater.add("B01", V2005, "flow", L_S, L_S);
        all.put(PointType.WASTEWATER, wastewater.done());
        return Collections.unmodifiableMap(all);
    }

    /** Collects the rows of one point type, taking each contract unit from the model so the two cannot drift. */
    private static final class Rows {
        private final PointType type;
        private final List<CodeMapping> rows = new ArrayList<>();

        Rows(PointType type) {
            this.type = type;
        }

        void add(String code, String source, String parameter, Unit assumed, Unit annex) {
            String symbol = ParameterCatalog.find(type, parameter)
                    .orElseThrow(() -> new IllegalStateException(parameter + " is not a parameter of " + type))
                    .unit();
            Unit contract = Unit.parse(symbol)
                    .orElseThrow(() -> new IllegalStateException("unknown contract unit '" + symbol + "'"));
            rows.add(new CodeMapping(code, source, type, parameter, assumed, annex, contract));
        }

        Map<String, CodeMapping> done() {
            Map<String, CodeMapping> byCode = new LinkedHashMap<>();
            rows.forEach(r -> byCode.put(r.code(), r));
            return Collections.unmodifiableMap(byCode);
        }
    }
}
