package io.envmon.ingest.alerts;

import io.envmon.alerts.engine.AlertEngine;
import io.envmon.ingest.store.PointReader;
import java.time.Duration;

/** What the ingest verticle needs to run alerts: the engine, where events go, and how to read state back. */
public record AlertWiring(AlertEngine engine, AlertNotifier notifier, PointReader reader, Duration tick) {
}
