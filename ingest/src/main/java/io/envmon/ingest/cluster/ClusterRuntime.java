package io.envmon.ingest.cluster;

import io.vertx.core.Context;

/**
 * The parts an instance runs only in a cluster (docs/scale-out.md), started once the alert runtime is deployed and
 * stopped before it is undeployed.
 *
 * @param coordinator who evaluates what
 * @param router      stored readings to their point's owner
 * @param alerts      the API's open alerts and acknowledgements across the instances
 */
public record ClusterRuntime(ClusterCoordinator coordinator, AlertRouter router, ClusterAlerts alerts) {

    /** @param ingest the context readings are stored on, where forwarded ones are handed over */
    public void start(Context ingest) {
        router.start(ingest);
        alerts.start();
        coordinator.start();
    }

    public void stop() {
        coordinator.stop();
        router.stop();
        alerts.stop();
    }
}
