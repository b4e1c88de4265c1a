package io.envmon.model.registry;

import io.envmon.model.PointType;
import io.envmon.model.SiteKind;

/**
 * A point that sends readings, resolved from the registry: a station, a section, or an enterprise's outlet.
 *
 * @param site   station, section or enterprise ID
 * @param outlet the outlet ID for enterprises, else {@code null}
 */
public record MonitoredPoint(SiteKind kind, String site, String outlet, PointType type) {

    /** "TG-A01" or "E001/DA001", for logs and messages. */
    public String label() {
        return outlet == null ? site : site + "/" + outlet;
    }
}
