package io.envmon.alerts.lifecycle;

import io.envmon.alerts.event.AlertKey;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a rule observed for one alert key over the replayed range, with what the events need besides.
 *
 * @param unit   the unit of the events' value and threshold
 * @param window the events' window, unless an observation's detail says otherwise
 */
public record ObservationSeries(AlertKey key, List<Observation> observations, MachineSettings settings, String unit,
                                String window) {

    public ObservationSeries {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(settings, "settings");
        observations = observations.stream().sorted(Comparator.comparing(Observation::step)).toList();
    }
}
