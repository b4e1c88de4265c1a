package io.envmon.hj212.mapping;

import io.envmon.hj212.DataKind;
import io.envmon.hj212.Hj212Frame;
import io.envmon.hj212.PollutantValues;
import io.envmon.hj212.mapping.MappingProblem.Kind;
import io.envmon.model.DataFlag;
import io.envmon.model.Reading;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a parsed (and reassembled) frame of one device to the contract's vocabulary (docs/hj212.md, "Codes to
 * parameters"):
 * <ul>
 *   <li>CN=2011 → one {@link Reading}: timestamp = DataTime in the device's zone, values = {@code -Rtd} converted
 *       to the contract's unit, flags = {@code -Flag} mapped by {@link FlagMapping} (only non-N ones, as in the
 *       reading JSON). {@code -ZsRtd} goes beside it.</li>
 *   <li>CN=2051/2061/2031 → one {@link AggregateRecord} with Avg/Min/Max/Cou and the Zs values.</li>
 *   <li>Other CNs → {@link FrameMapping.NotData}, every factor kept as unmapped.</li>
 * </ul>
 * Range checks (ParameterCatalog) stay with the caller's validator, so HJ 212 and JSON readings are judged alike.
 */
public final class FrameToReadings {

    private FrameToReadings() {
    }

    public static FrameMapping map(Hj212Frame frame, MappingOptions options) {
        Optional<DataKind> kind = DataKind.ofCn(frame.cn());
        if (kind.isEmpty()) {
            return new FrameMapping.NotData(frame.cn(), frame.data().pollutants());
        }
        Work w = new Work(options);
        Instant ts = frame.data().localDataTime().map(t -> t.atZone(options.zone()).toInstant()).orElse(null);
        if (ts == null) {
            w.problems.add(new MappingProblem(null, Kind.NO_DATA_TIME,
                    "no readable DataTime ('" + frame.data().field("DataTime") + "')"));
        }
        return kind.get() == DataKind.REALTIME ? realtime(frame, ts, w) : aggregated(frame, kind.get(), ts, w);
    }

    private static FrameMapping realtime(Hj212Frame frame, Instant ts, Work w) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, Double> converted = new LinkedHashMap<>();
        for (PollutantValues pv : frame.data().pollutants()) {
            CodeMapping m = w.mapping(pv);
            if (m == null) {
                continue;
            }
            Double rtd = w.number(pv, PollutantValues.RTD, m, true);
            if (rtd == null) {
                w.unmapped.add(pv);
                continue;
            }
            values.put(m.parameter(), rtd);
            String flag = w.flag(pv);
            if (!DataFlag.N.name().equals(flag)) {
                flags.put(m.parameter(), flag);
            }
            Double zs = w.number(pv, PollutantValues.ZS_RTD, m, false);
            if (zs != null) {
                converted.put(m.parameter(), zs);
            }
        }
        Optional<Reading> reading = ts == null || values.isEmpty()
                ? Optional.empty()
                : Optional.of(new Reading(ts, values, flags, null));
        return new FrameMapping.Realtime(reading, converted, w.unmapped, w.problems);
    }

    private static FrameMapping aggregated(Hj212Frame frame, DataKind kind, Instant ts, Work w) {
        Map<String, AggregateValues> values = new LinkedHashMap<>();
        for (PollutantValues pv : frame.data().pollutants()) {
            CodeMapping m = w.mapping(pv);
            if (m == null) {
                continue;
            }
            Double avg = w.number(pv, PollutantValues.AVG, m, false);
            Double min = w.number(pv, PollutantValues.MIN, m, false);
            Double max = w.number(pv, PollutantValues.MAX, m, false);
            Double cou = w.raw(pv, PollutantValues.COU);
            if (avg == null && min == null && max == null && cou == null) {
                w.problems.add(new MappingProblem(pv.code(), Kind.MISSING_VALUE,
                        pv.code() + " has no Avg, Min, Max or Cou value"));
                w.unmapped.add(pv);
                continue;
            }
            values.put(m.parameter(), new AggregateValues(avg, min, max, cou,
                    w.number(pv, PollutantValues.ZS_AVG, m, false),
                    w.number(pv, PollutantValues.ZS_MIN, m, false),
                    w.number(pv, PollutantValues.ZS_MAX, m, false),
                    w.flag(pv)));
        }
        Optional<AggregateRecord> record = ts == null || values.isEmpty()
                ? Optional.empty()
                : Optional.of(new AggregateRecord(kind, ts, values));
        return new FrameMapping.Aggregated(record, w.unmapped, w.problems);
    }

    /** The state of one mapping: what was used, what was not, and why. */
    private static final class Work {
        final MappingOptions options;
        final List<PollutantValues> unmapped = new ArrayList<>();
        final List<MappingProblem> problems = new ArrayList<>();
        final Set<String> parameters = new HashSet<>();

        Work(MappingOptions options) {
            this.options = options;
        }

        /** The mapping of a code, or null after recording it as unmapped (no mapping, duplicate, bad unit). */
        CodeMapping mapping(PollutantValues pv) {
            CodeMapping m = ParameterMapping.find(options.pointType(), pv.code()).orElse(null);
            if (m == null) {
                unmapped.add(pv);
                return null;
            }
            Unit unit = options.units().unitFor(m);
            if (!unit.convertibleTo(m.contractUnit())) {
                problems.add(new MappingProblem(pv.code(), Kind.UNIT_MISMATCH, "the device's unit " + unit.symbol()
                        + " cannot be converted to " + m.parameter() + "'s " + m.contractUnit().symbol()));
                unmapped.add(pv);
                return null;
            }
            if (!parameters.add(m.parameter())) {
                problems.add(new MappingProblem(pv.code(), Kind.DUPLICATE_PARAMETER,
                        pv.code() + " maps to " + m.parameter() + ", already given by another code; kept unmapped"));
                unmapped.add(pv);
                return null;
            }
            return m;
        }

        /** A value converted to the contract's unit; null (with a problem where it matters) when unusable. */
        Double number(PollutantValues pv, String suffix, CodeMapping m, boolean required) {
            BigDecimal value = decimal(pv, suffix, required);
            return value == null ? null : options.units().unitFor(m).convert(value, m.contractUnit()).doubleValue();
        }

        /** A value as sent (cumulative amounts are not in the parameter's unit). */
        Double raw(PollutantValues pv, String suffix) {
            BigDecimal value = decimal(pv, suffix, false);
            return value == null ? null : value.doubleValue();
        }

        String flag(PollutantValues pv) {
            FlagMapping.MappedFlag f = FlagMapping.map(pv.flag());
            if (f.problem() != null) {
                problems.add(new MappingProblem(pv.code(), Kind.UNKNOWN_FLAG, f.problem()));
            }
            return f.letter();
        }

        private BigDecimal decimal(PollutantValues pv, String suffix, boolean required) {
            String text = pv.value(suffix);
            if (text == null || text.isBlank()) {
                if (required) {
                    problems.add(new MappingProblem(pv.code(), Kind.MISSING_VALUE,
                            pv.code() + "-" + suffix + (text == null ? " is missing" : " is empty")));
                }
                return null;
            }
            try {
                // BigDecimal, not Double.parseDouble: rejects NaN, Infinity and hex floats, keeps decimals exact
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                problems.add(new MappingProblem(pv.code(), Kind.NOT_A_NUMBER,
                        pv.code() + "-" + suffix + " '" + text + "' is not a number"));
                return null;
            }
        }
    }
}
