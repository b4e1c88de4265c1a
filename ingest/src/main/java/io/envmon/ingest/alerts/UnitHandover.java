package io.envmon.ingest.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * How the alert runtime of a cluster's instance takes units over and hands them on (docs/scale-out.md#handover).
 *
 * @param settle    how long a gained unit waits before it is read back: readings other instances stored meanwhile
 *                  and sent to the previous owner (their partition table a second old) reach InfluxDB by then
 * @param patience  how long a gained unit waits for its previous owner to give its lease up before it is taken
 *                  anyway (logged as a warning: an alert may then be handed out twice)
 * @param leases    who evaluates each unit now
 * @param published the last event of each alert as handed out, read by the next owner of its unit
 */
public record UnitHandover(Duration settle, Duration patience, UnitLeases leases, PublishedEvents published) {

    public UnitHandover {
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(patience, "patience");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(published, "published");
    }
}
