package io.envmon.ingest.pipeline;

import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import java.util.List;

/** Told about readings once they are durably stored (for example, to evaluate alert rules on them). */
@FunctionalInterface
public interface StoredReadingsListener {

    /** Called on the ingest context; must not block. A failure is logged and does not affect storage. */
    void onStored(MonitoredPoint point, List<Reading> readings);
}
