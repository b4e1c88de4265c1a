package io.envmon.ingest.alerts;

import io.envmon.alerts.event.AlertEvent;

/** Boards for tests outside this package (the API's), which cannot mark one ready themselves. */
public final class TestBoards {

    private TestBoards() {
    }

    public static AlertBoard ready(AlertBoard board) {
        board.markReady();
        return board;
    }

    /** A ready board showing {@code events} as the engine would have recorded them. */
    public static AlertBoard showing(AlertEvent... events) {
        AlertBoard board = new AlertBoard(e -> false);
        for (AlertEvent e : events) {
            board.record(e);
        }
        return ready(board);
    }
}
