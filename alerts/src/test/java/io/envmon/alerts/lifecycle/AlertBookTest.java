package io.envmon.alerts.lifecycle;

import static io.envmon.alerts.lifecycle.EpisodeMachineTest.KEY;
import static io.envmon.alerts.lifecycle.EpisodeMachineTest.T0;
import static io.envmon.alerts.lifecycle.EpisodeMachineTest.observations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only what changed is published; the same data twice publish nothing. */
class AlertBookTest {

    private final AlertBook book = new AlertBook();

    private List<AlertEvent> replay(String sequence) {
        ObservationSeries series = new ObservationSeries(KEY, observations(sequence), MachineSettings.hourly(1, 2),
                "µg/m³", "1h");
        return book.reconcile(series, EpisodeMachine.run(KEY, book.carried(KEY, T0), series.observations(),
                series.settings()));
    }

    private static List<String> states(List<AlertEvent> events) {
        return events.stream().map(e -> e.state().wire() + ":" + e.severity().wire()).toList();
    }

    @Test
    void growingDataPublishesEachTransitionOnce() {
        assertEquals(List.of("open:warning"), states(replay("1")));
        assertEquals(List.of(), states(replay("1")), "the same data again: nothing");
        assertEquals(List.of(), states(replay("1 1")));
        assertEquals(List.of("escalated:major"), states(replay("1 1 2")));
        assertEquals(List.of(), states(replay("1 1 2 .")));
        assertEquals(List.of("resolved:major"), states(replay("1 1 2 . .")));
        assertEquals(List.of(), states(replay("1 1 2 . .")));
        assertTrue(book.openAlerts().isEmpty());
    }

    @Test
    void manyHoursAtOncePublishEveryTransitionInOrder() {
        List<AlertEvent> events = replay("1 2 . . 3");
        assertEquals(List.of("open:warning", "escalated:major", "resolved:major", "open:critical"), states(events));
        assertEquals(events.get(0).id(), events.get(2).id());
        assertTrue(!events.get(0).id().equals(events.get(3).id()), "a new episode, a new ID");
        assertEquals(T0.plus(Duration.ofHours(1)), events.get(0).ts(), "stamped at the end of the hour");
        assertEquals(T0, events.get(0).startedAt());
    }

    @Test
    void anAlertThatLateDataNoLongerSupportIsWithdrawn() {
        AlertEvent open = replay(". 1").get(0);
        List<AlertEvent> events = replay(". .");
        assertEquals(List.of("resolved:warning"), states(events));
        assertEquals(open.id(), events.get(0).id());
        assertTrue(events.get(0).message().startsWith("告警撤销"), events.get(0).message());
        assertTrue(events.get(0).message().contains("Withdrawn: late or corrected readings"));
        assertTrue(book.openAlerts().isEmpty());
    }

    @Test
    void lateDataThatChangeTheLastStateAreCorrected() {
        replay("1 2");
        // hour 1 turns out to be a warning only: the alert stays open at its peak... unless the level is lower
        List<AlertEvent> events = replay("1 1");
        assertEquals(List.of("open:warning"), states(events), "corrected back to the state the data support");
        assertEquals(Instant.parse("2026-11-28T02:00:00Z"), events.get(0).ts(), "not earlier than what it corrects");
    }

    @Test
    void acknowledgementIsAFlagThatTheFirstSetsAndEscalationClears() {
        AlertEvent open = replay("1").get(0);
        Instant at = T0.plus(Duration.ofMinutes(70));
        AlertEvent acked = book.acknowledge(open.id(), "王值班", at).orElseThrow();
        assertEquals("王值班", acked.acknowledgedBy());
        assertEquals(at, acked.acknowledgedAt());
        assertEquals(AlertState.OPEN, acked.state());
        assertEquals(acked, book.acknowledge(open.id(), "someone else", at.plusSeconds(60)).orElseThrow(),
                "the first acknowledgement wins");
        assertEquals(List.of(), replay("1 1"), "an acknowledgement does not make the same data publish again");
        AlertEvent escalated = replay("1 1 2").get(0);
        assertNull(escalated.acknowledgedBy(), "an escalation needs a new look");
        book.acknowledge(open.id(), "李", at.plusSeconds(7200));
        AlertEvent resolved = replay("1 1 2 . .").get(0);
        assertEquals("李", resolved.acknowledgedBy(), "the resolve keeps it");
        assertTrue(book.acknowledge("no-such-id", "x", at).isEmpty());
    }

    @Test
    void aRestoredAlertIsCarriedAndNotDuplicated() {
        Instant started = T0.minus(Duration.ofDays(1));
        AlertEvent stored = new AlertEvent(KEY.id(started), "air", "TG-A01", null, "pm25_1h_aqi", Severity.MAJOR,
                AlertState.ESCALATED, "pm25", 130.0, 115.0, "µg/m³", "1h", started, T0.minus(Duration.ofHours(3)),
                "中度 / moderate", "王", T0.minus(Duration.ofHours(2)));
        book.restore(stored, 4);
        ObservationSeries series = new ObservationSeries(KEY, observations("4 3"), MachineSettings.hourly(1, 2),
                "µg/m³", "1h");
        assertEquals(List.of(), book.reconcile(series, EpisodeMachine.run(KEY, book.carried(KEY, T0),
                series.observations(), series.settings())));
        assertEquals(List.of(stored), book.openAlerts());
        ObservationSeries clears = new ObservationSeries(KEY, observations("4 3 . ."), MachineSettings.hourly(1, 2),
                "µg/m³", "1h");
        List<AlertEvent> events = book.reconcile(clears, EpisodeMachine.run(KEY, book.carried(KEY, T0),
                clears.observations(), clears.settings()));
        assertEquals(List.of("resolved:major"), states(events));
        assertEquals(stored.id(), events.get(0).id());
        assertEquals("王", events.get(0).acknowledgedBy());
    }

    @Test
    void resolvedAlertsAreForgottenOnceOutOfRange() {
        AlertEvent open = replay("1 . .").get(0);
        book.forgetResolved(k -> T0.plus(Duration.ofHours(2)));
        assertTrue(book.find(open.id()).isPresent(), "still inside the range");
        book.forgetResolved(k -> T0.plus(Duration.ofHours(5)));
        assertTrue(book.find(open.id()).isEmpty());
        assertTrue(book.isEmpty());
    }
}
