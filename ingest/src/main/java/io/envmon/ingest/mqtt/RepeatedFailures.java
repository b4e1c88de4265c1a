package io.envmon.ingest.mqtt;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides which failures of a connection are worth a warning: the first, each change of cause, and the same cause
 * again once per {@code reminder} (saying how many identical ones were not shown); the others go to DEBUG. Used on
 * one context: no locks.
 */
final class RepeatedFailures {

    private final Duration reminder;
    private String lastCause;
    private Instant lastWarned = Instant.MIN;
    private int unshown;

    RepeatedFailures(Duration reminder) {
        this.reminder = reminder;
    }

    /**
     * @return how many identical failures were not warned about since the last warning, when this one should be
     *         warned about; -1 when it should not
     */
    int failed(String cause, Instant now) {
        boolean repeat = cause.equals(lastCause);
        lastCause = cause;
        if (!repeat) {
            // the count was of the previous cause: this warning is about another
            unshown = 0;
        } else if (now.isBefore(lastWarned.plus(reminder))) {
            unshown++;
            return -1;
        }
        int skipped = unshown;
        lastWarned = now;
        unshown = 0;
        return skipped;
    }

    /** The connection is up: the next failure is a first one again. */
    void succeeded() {
        lastCause = null;
        unshown = 0;
    }
}
