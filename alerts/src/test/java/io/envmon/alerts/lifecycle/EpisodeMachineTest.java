package io.envmon.alerts.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lifecycle as a function of hourly observations. A sequence is one token per hour: a digit is a raise at that
 * level (1 warning, 2 major, 3 critical), {@code .} clear, {@code h} hold, {@code _} no observation (a gap).
 * Expected transitions: {@code open:1@0} = opened at level 1 by the observation of hour 0, {@code resolved@5}.
 */
class EpisodeMachineTest {

    static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    static final AlertKey KEY = new AlertKey("air", "TG-A01", null, "pm25_1h_aqi", "pm25");
    static final AlertWording DETAIL = state -> new BilingualText("zh", "en");

    static List<Observation> observations(String sequence) {
        List<Observation> out = new ArrayList<>();
        String[] tokens = sequence.trim().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            Instant step = T0.plus(Duration.ofHours(i));
            Instant end = step.plus(Duration.ofHours(1));
            switch (tokens[i]) {
                case "." -> out.add(Observation.clear(step, end, 0.0, 1.0, DETAIL));
                case "h" -> out.add(Observation.hold(step, end, 0.9, 1.0, DETAIL));
                case "_" -> { }
                default -> {
                    int rank = Integer.parseInt(tokens[i]);
                    out.add(Observation.raise(step, end, step, rank, Severity.values()[Math.min(rank, 3)], (double) rank, 1.0,
                            DETAIL));
                }
            }
        }
        return out;
    }

    static String describe(List<Episode> episodes) {
        List<String> out = new ArrayList<>();
        for (Episode e : episodes) {
            for (Transition t : e.transitions()) {
                int hour = (int) Duration.between(T0, t.cause().step()).toHours();
                out.add(t.state() == AlertState.RESOLVED ? "resolved@" + hour
                        : t.state().wire() + ":" + t.rank() + "@" + hour);
            }
        }
        return String.join(" ", out);
    }

    @ParameterizedTest(name = "[{0}] raise {1} clear {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # sequence             | raiseAfter | clearAfter | transitions
            1 1 . .                | 1 | 2 | open:1@0 resolved@3
            . . . .                | 1 | 1 |
            h h h                  | 1 | 1 |
            # flapping around the threshold: one alert, resolved only by consecutive clears
            1 . 1 . 1 . .          | 1 | 2 | open:1@0 resolved@6
            # the hysteresis band (hold) neither clears nor breaks the alert, but resets the clear count
            1 h h . h . .          | 1 | 2 | open:1@0 resolved@6
            # escalation as it worsens; never de-escalates; one resolve
            1 2 1 3 1 . .          | 1 | 2 | open:1@0 escalated:2@1 escalated:3@3 resolved@6
            # a jump straight to the top
            . 3 3 .                | 1 | 1 | open:3@1 resolved@3
            # minimum duration: two consecutive hours before opening; a single hour does nothing
            1 . 1 1 1 .            | 2 | 1 | open:1@3 resolved@5
            1 . 1 . 1 .            | 2 | 1 |
            # a missing hour breaks a run
            1 _ 1 _ 1              | 2 | 1 |
            # ... and a clear count
            1 . _ . .              | 1 | 2 | open:1@0 resolved@4
            # after a resolve, a new episode
            . 1 . 1 1 .            | 1 | 1 | open:1@1 resolved@2 open:1@3 resolved@5
            """)
    void lifecycle(String sequence, int raiseAfter, int clearAfter, String expected) {
        List<Episode> episodes = EpisodeMachine.run(KEY, null, observations(sequence),
                MachineSettings.hourly(raiseAfter, clearAfter));
        assertEquals(expected == null ? "" : expected, describe(episodes));
    }

    @Test
    void startedAtIsTheFirstHourOfTheQualifyingRunAndGivesTheId() {
        List<Episode> episodes = EpisodeMachine.run(KEY, null, observations(". 1 1 1"), MachineSettings.hourly(2, 1));
        Episode e = episodes.get(0);
        assertEquals(T0.plus(Duration.ofHours(1)), e.startedAt());
        assertEquals(KEY.id(e.startedAt()), e.id());
        assertEquals(T0.plus(Duration.ofHours(3)), e.transitions().get(0).cause().at(), "opened at the end of hour 2");
    }

    @Test
    void aNewEpisodeGetsANewId() {
        List<Episode> episodes = EpisodeMachine.run(KEY, null, observations("1 . 1"), MachineSettings.hourly(1, 1));
        assertEquals(2, episodes.size());
        assertNotEquals(episodes.get(0).id(), episodes.get(1).id());
    }

    @Test
    void aCarriedAlertContinuesWithItsIdAndLevel() {
        OpenAtReplayStart carried = new OpenAtReplayStart("old-id", T0.minus(Duration.ofDays(2)), AlertState.ESCALATED, Severity.MAJOR, 2);
        List<Episode> episodes = EpisodeMachine.run(KEY, carried, observations("2 1 3 . ."),
                MachineSettings.hourly(1, 2));
        assertEquals("escalated:3@2 resolved@4", describe(episodes));
        assertEquals("old-id", episodes.get(0).id());
        assertTrue(episodes.get(0).carried());

        List<Episode> quiet = EpisodeMachine.run(KEY, carried, observations("2 2"), MachineSettings.hourly(1, 2));
        assertEquals(1, quiet.size());
        assertTrue(quiet.get(0).transitions().isEmpty());
        assertEquals(AlertState.ESCALATED, quiet.get(0).state());
    }
}
