package io.envmon.simulator.registry;

import io.envmon.model.registry.Limit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of monitored outlet the generator hands out, each with the permit limits (hourly means, mg/m³ or
 * mg/L), reference O2 and the standard they come from (see /work/shared/standards.md §6). Kept as data so a
 * reviewer can check every number against one table.
 */
enum OutletProfile {

    CUPOLA_COLD_BLAST("冲天炉废气排放口", "stack", 15.0, "GB 39726-2020 Table 1, cupola (cold blast)",
            "particulate", 40, "so2", 200, "nox", 300),
    CUPOLA_HOT_BLAST("冲天炉废气排放口", "stack", 12.0, "GB 39726-2020 Table 1, cupola (hot blast)",
            "particulate", 40, "so2", 200, "nox", 300),
    INDUCTION_FURNACE("中频感应电炉废气排放口", "stack", null, "GB 39726-2020 Table 1, induction furnace",
            "particulate", 30),
    ANNEALING_FURNACE("退火炉废气排放口", "stack", null, "GB 39726-2020 Table 1, casting heat treatment",
            "particulate", 30, "so2", 100, "nox", 300),
    SHOT_BLASTING("抛丸清理废气排放口", "stack", null, "GB 39726-2020 Table 1, shake-out/shot blasting",
            "particulate", 30),
    SAND_TREATMENT("砂处理废气排放口", "stack", null, "GB 39726-2020 Table 1, sand treatment",
            "particulate", 30),
    CARBON_ROASTING_GB9078("焙烧炉废气排放口", "stack",
            "GB 9078-1996 Grade II kiln (no NOx limit), converted at excess-air coefficient 1.7 (§5.2)", 1.7, null,
            "particulate", 200, "so2", 850),
    CARBON_CALCINING_GB9078("煅烧炉废气排放口", "stack",
            "GB 9078-1996 Grade II kiln (no NOx limit), converted at excess-air coefficient 1.7 (§5.2)", 1.7, null,
            "particulate", 200, "so2", 850),
    CARBON_ROASTING_KEY_REGION("焙烧炉废气排放口", "stack", null, "key-region kiln permit (环大气〔2019〕56号)",
            "particulate", 30, "so2", 200, "nox", 300),
    CARBON_CALCINING_KEY_REGION("煅烧炉废气排放口", "stack", null, "key-region kiln permit (环大气〔2019〕56号)",
            "particulate", 30, "so2", 200, "nox", 300),
    BRICK_KILN("隧道窑废气排放口", "stack",
            "GB 29620-2013 Table 2, kiln, converted at excess-air coefficient 1.7 (§4.7); judged up to 20 % O2",
            1.7, 20.0,
            "particulate", 30, "so2", 300, "nox", 200),
    BRICK_CRUSHING("原料破碎废气排放口", "stack", null, "GB 29620-2013 Table 2, crushing and forming",
            "particulate", 30),
    BOILER_COAL_IN_USE("锅炉废气排放口", "stack", 9.0, "GB 13271-2014 Table 1, in-use coal boiler",
            "particulate", 80, "so2", 400, "nox", 400),
    BOILER_GAS_IN_USE("锅炉废气排放口", "stack", 3.5, "GB 13271-2014 Table 1, in-use gas boiler",
            "particulate", 30, "so2", 100, "nox", 400),
    BOILER_COAL_SPECIAL("锅炉废气排放口", "stack", 9.0, "GB 13271-2014 Table 3, special limits, coal boiler",
            "particulate", 30, "so2", 200, "nox", 200),
    SEWAGE_PLANT_1A("污水处理厂总排口", "wastewater", null, "permit values like GB 18918-2002 Grade 1A",
            "cod", 50, "nh3n", 5, "tp", 0.5, "tn", 15, "ph", null),
    INDUSTRIAL_WASTEWATER("废水总排口", "wastewater", null, "GB 8978-1996 Table 4, Grade 1",
            "cod", 100, "nh3n", 15, "ph", null);

    private final String outletName;
    private final String type;
    private final Double referenceO2;
    private final Double alphaRef;
    private final Double o2SuppressAt;
    private final String source;
    private final Map<String, Limit> limits;

    /** @param limitPairs parameter, upper bound, …; a {@code null} bound means pH 6–9, the only range used */
    OutletProfile(String outletName, String type, Double referenceO2, String source, Object... limitPairs) {
        this(outletName, type, referenceO2, null, null, source, limitPairs);
    }

    /** A kiln whose standard converts by a reference excess-air coefficient (GB 9078, GB 29620). */
    OutletProfile(String outletName, String type, String source, double alphaRef, Double o2SuppressAt,
                  Object... limitPairs) {
        this(outletName, type, null, alphaRef, o2SuppressAt, source, limitPairs);
    }

    OutletProfile(String outletName, String type, Double referenceO2, Double alphaRef, Double o2SuppressAt,
                  String source, Object... limitPairs) {
        this.outletName = outletName;
        this.type = type;
        this.referenceO2 = referenceO2;
        this.alphaRef = alphaRef;
        this.o2SuppressAt = o2SuppressAt;
        this.source = source;
        Map<String, Limit> byParameter = new LinkedHashMap<>();
        for (int i = 0; i < limitPairs.length; i += 2) {
            Object bound = limitPairs[i + 1];
            byParameter.put((String) limitPairs[i],
                    bound == null ? Limit.range(6, 9) : Limit.upTo(((Number) bound).doubleValue()));
        }
        this.limits = Collections.unmodifiableMap(byParameter);
    }

    String outletName() {
        return outletName;
    }

    String type() {
        return type;
    }

    boolean isStack() {
        return "stack".equals(type);
    }

    Double referenceO2() {
        return referenceO2;
    }

    Double alphaRef() {
        return alphaRef;
    }

    Double o2SuppressAt() {
        return o2SuppressAt;
    }

    /** Where the limits come from, written as a comment next to the outlet in the YAML. */
    String source() {
        return source;
    }

    Map<String, Limit> limits() {
        return limits;
    }
}
