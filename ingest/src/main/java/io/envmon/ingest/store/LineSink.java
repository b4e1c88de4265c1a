package io.envmon.ingest.store;

import io.vertx.core.Future;
import java.util.List;

/** Writes line protocol already made (the durable spool's drain), retried as {@link ReadingSink} retries points. */
public interface LineSink {

    /** A line the database refused as data, with its message; {@code nanos}: a line of nanosecond precision. */
    record RefusedLine(String line, boolean nanos, String reason) {
    }

    /**
     * Succeeds once the database took every line or refused it as data (those lines are returned); transient
     * failures are retried inside.
     */
    Future<List<RefusedLine>> writeLines(LineBatch lines);
}
