package io.envmon.ingest.http.api;

import io.envmon.model.SiteKind;

/**
 * Who is calling the API: the bureau (sees everything) or one enterprise (sees only its own outlets' alerts
 * and readings).
 *
 * @param enterprise the enterprise ID, or {@code null} for the bureau
 */
public record Principal(String name, String enterprise) {

    public boolean isBureau() {
        return enterprise == null;
    }

    /** Whether this caller may see data about {@code site} of {@code kind}. */
    public boolean maySee(String kind, String site) {
        return isBureau() || (SiteKind.ENTERPRISE.topicSegment().equals(kind) && enterprise.equals(site));
    }
}
