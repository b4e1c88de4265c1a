package io.envmon.ingest.hj212;

import io.envmon.model.registry.Registry;
import java.time.ZoneId;

/**
 * The former name of {@link io.envmon.hj212.mapping.Hj212Devices}, which the service and the simulator now share.
 * Kept only so that the service's start-up code, being restructured elsewhere, compiles unchanged; use the shared
 * class, and delete this one once nothing names it.
 */
public final class Hj212Devices extends io.envmon.hj212.mapping.Hj212Devices {

    /** @see io.envmon.hj212.mapping.Hj212Devices#Hj212Devices(Registry, ZoneId) */
    public Hj212Devices(Registry registry, ZoneId defaultZone) {
        super(registry, defaultZone);
    }
}
