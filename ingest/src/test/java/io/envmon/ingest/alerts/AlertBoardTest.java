package io.envmon.ingest.alerts;

import static io.envmon.ingest.alerts.AlertEvents.air;
import static io.envmon.ingest.alerts.AlertEvents.integrity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open-alert view the API reads: no engine, no Vert.x. */
class AlertBoardTest {

    static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

    final AlertBoard board = new AlertBoard(e -> e.rule().startsWith("integrity"));

    @Test
    void isNotReadyUntilTheRuntimeSaysSo() {
        assertFalse(board.isReady());
        board.markReady();
        assertTrue(board.isReady());
    }

    @Test
    void showsEachOpenAlertWithItsLatestEventNewestFirstAndDropsResolvedOnes() {
        board.record(air("a", "S01", AlertState.OPEN, T0));
        board.record(air("b", "S02", AlertState.OPEN, T0.plusSeconds(3600)));
        board.record(air("a", "S01", AlertState.ESCALATED, T0.plusSeconds(7200)));
        assertEquals(List.of("a", "b"), board.newestFirst().stream().map(AlertEvent::id).toList());
        assertEquals(AlertState.ESCALATED, board.openAlert("a").orElseThrow().state());

        board.record(air("b", "S02", AlertState.RESOLVED, T0.plusSeconds(10_800)));
        assertEquals(List.of("a"), board.newestFirst().stream().map(AlertEvent::id).toList());
        assertTrue(board.openAlert("b").isEmpty());
        assertEquals(1, board.size());
    }

    @Test
    void tellsBureauOnlyEventsByTheGivenRule() {
        assertTrue(board.bureauOnly(integrity("i", "S01", T0)));
        assertFalse(board.bureauOnly(air("a", "S01", AlertState.OPEN, T0)));
    }
}
