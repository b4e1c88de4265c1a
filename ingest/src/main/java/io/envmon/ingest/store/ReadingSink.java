package io.envmon.ingest.store;

import io.vertx.core.Future;
import java.util.List;

/** Durable storage for points (the port; {@link InfluxReadingSink} is the InfluxDB adapter). */
public interface ReadingSink {

    /**
     * Stores the points. The future succeeds once every point is durably stored or refused as data (see
     * {@link WriteOutcome}); transient failures are retried inside, so it fails only when the sink is closed
     * before the points could be stored. Callers acknowledge their source only after success.
     */
    Future<WriteOutcome> write(List<StorePoint> points);

    /** Writes what is pending, then stops. The future completes when everything taken has been written or refused. */
    Future<Void> flushAndClose();
}
