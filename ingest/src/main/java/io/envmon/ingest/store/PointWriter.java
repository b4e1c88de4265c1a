package io.envmon.ingest.store;

import java.util.List;

/**
 * A blocking write of one batch (the seam between batching/retry logic and the client library). Called on
 * a worker thread, never on an event loop.
 */
public interface PointWriter extends AutoCloseable {

    /** @throws RuntimeException as thrown by the client; {@link WriteErrorClassifier} decides what it means */
    default void write(List<StorePoint> points) {
        writeLines(LineBatch.of(points));
    }

    /**
     * Writes line protocol already made: the points' own path ({@link #write}) and the spool's drain.
     *
     * @throws RuntimeException as {@link #write}
     */
    void writeLines(LineBatch lines);

    /** @return whether the database answers its ping */
    boolean ping();

    @Override
    void close();
}
