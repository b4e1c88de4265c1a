package io.envmon.hj212.mapping;

import io.envmon.hj212.PollutantValues;
import io.envmon.model.Reading;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link FrameToReadings} made of a frame. Every variant keeps the factor codes it could not map
 * ({@link #unmapped()}, with all their values) so the caller can store or report them instead of dropping them.
 */
public sealed interface FrameMapping permits FrameMapping.Realtime, FrameMapping.Aggregated, FrameMapping.NotData {

    /** Codes with no mapping for the point type (or not usable, see {@link #problems()}), as received. */
    List<PollutantValues> unmapped();

    List<MappingProblem> problems();

    /**
     * CN=2011.
     *
     * @param reading   the reading (values from {@code -Rtd}, non-N flags), empty when no code could be mapped or
     *                  there is no DataTime
     * @param converted {@code -ZsRtd} (converted to reference O2) by parameter, in the contract's unit
     */
    record Realtime(Optional<Reading> reading, Map<String, Double> converted, List<PollutantValues> unmapped,
                    List<MappingProblem> problems) implements FrameMapping {
        public Realtime {
            converted = Collections.unmodifiableMap(new LinkedHashMap<>(converted));
            unmapped = List.copyOf(unmapped);
            problems = List.copyOf(problems);
        }
    }

    /** CN=2051/2061/2031; {@code record} is empty when nothing could be mapped or there is no DataTime. */
    record Aggregated(Optional<AggregateRecord> record, List<PollutantValues> unmapped,
                      List<MappingProblem> problems) implements FrameMapping {
        public Aggregated {
            unmapped = List.copyOf(unmapped);
            problems = List.copyOf(problems);
        }
    }

    /** A frame that carries no monitoring data (replies, 2021 running state, 3020 site information, ...). */
    record NotData(String cn, List<PollutantValues> unmapped) implements FrameMapping {
        public NotData {
            unmapped = List.copyOf(unmapped);
        }

        @Override
        public List<MappingProblem> problems() {
            return List.of();
        }
    }
}
