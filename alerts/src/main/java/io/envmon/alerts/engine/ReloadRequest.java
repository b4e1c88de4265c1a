package io.envmon.alerts.engine;

import io.envmon.model.registry.MonitoredPoint;
import java.time.Instant;
import java.util.Objects;

/**
 * The engine asks for a point's stored readings from {@code from} on: a reading arrived for an hour it has already
 * closed and summarised (late data, a correction, a redelivery), and the engine keeps no raw readings of closed
 * hours. The caller reads them from InfluxDB, where that reading already is, and answers with
 * {@link AlertEngine#onReload}; or with {@link AlertEngine#reloadFailed}, and the engine asks again at a later tick.
 * At most one request per point is outstanding; readings that arrive meanwhile are kept and applied on top.
 */
public record ReloadRequest(MonitoredPoint point, Instant from) {

    public ReloadRequest {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(from, "from");
    }
}
