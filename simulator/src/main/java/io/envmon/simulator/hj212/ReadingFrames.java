package io.envmon.simulator.hj212;

import io.envmon.hj212.FrameEncoder;
import io.envmon.hj212.Hj212Time;
import io.envmon.hj212.OutboundFrame;
import io.envmon.hj212.PollutantValues;
import io.envmon.hj212.DataRegionCodec;
import io.envmon.hj212.mapping.CodeMapping;
import io.envmon.hj212.mapping.ParameterMapping;
import io.envmon.hj212.mapping.UnitOverrides;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated reading as the CN=2011 frame a data logger would send (HJ 212-2017, Flag=5: answer wanted): each
 * canonical parameter under its 2017 code ({@code a34004-Rtd}, ...) in the unit a device sends (the codec's assumed
 * unit, or the device's registry override, e.g. flue-gas flow in m³/s), {@code -Flag} from the reading's flags,
 * DataTime in the device's zone. The inverse of the service's mapping, so a simulated frame lands as the same row.
 */
public final class ReadingFrames {

    /** 2017 version bits with bit A: the platform must answer with 9014. */
    public static final int FLAG_ANSWER = 5;

    private ReadingFrames() {
    }

    /** ST by point type (hj212.md §3.1): air 22, water 21, flue-gas source 31, wastewater source 32. */
    public static String systemCode(PointType type) {
        return switch (type) {
            case AIR_STATION -> "22";
            case WATER_SECTION -> "21";
            case STACK -> "31";
            case WASTEWATER -> "32";
        };
    }

    /** The 2017 code of each parameter of a point type (the 6-character codes; 2005 codes are shorter). */
    static Map<String, CodeMapping> codes(PointType type) {
        Map<String, CodeMapping> byParameter = new LinkedHashMap<>();
        for (CodeMapping m : ParameterMapping.of(type)) {
            if (m.code().length() == 6) {
                byParameter.putIfAbsent(m.parameter(), m);
            }
        }
        return byParameter;
    }

    /**
     * The frame for one reading.
     *
     * @param qn    the frame's QN: {@code YYYYMMDDhhmmsszzz}, unique per device; the 9014 echoes it
     * @param pw    the device's password ({@code PW})
     * @param units the device's unit overrides (the registry's {@code hj212.units}), or {@link UnitOverrides#NONE}
     */
    public static byte[] realtime(PointType type, String mn, String pw, String qn, Reading reading, ZoneId zone,
                                  UnitOverrides units) {
        Map<String, CodeMapping> codes = codes(type);
        List<PollutantValues> pollutants = new ArrayList<>();
        reading.values().forEach((parameter, value) -> {
            CodeMapping m = codes.get(parameter);
            if (m == null) {
                return; // every canonical parameter has a 2017 code; nothing else is simulated
            }
            BigDecimal sent = m.contractUnit().convert(BigDecimal.valueOf(value), units.unitFor(m))
                    .setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(PollutantValues.RTD, sent.toPlainString());
            fields.put(PollutantValues.FLAG, reading.flagOf(parameter));
            pollutants.add(new PollutantValues(m.code(), fields));
        });
        String cp = DataRegionCodec.encode(reading.ts(), zone, pollutants);
        return FrameEncoder.encode(OutboundFrame.of(qn, systemCode(type), "2011", pw, mn, FLAG_ANSWER, cp));
    }

    /** A QN for a frame sent at {@code instant} (hj212.md §1.3). */
    public static String qn(Instant instant, ZoneId zone) {
        return Hj212Time.qn(instant, zone);
    }
}
