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

    /**
     * An alert event is seen by the bureau, and by its enterprise unless its rule is for the bureau only (the
     * integrity rules by default: {@code rules.integrity.*.audience}).
     */
    public boolean maySee(String kind, String site, boolean bureauOnly) {
        return isBureau() || !bureauOnly && maySee(kind, site);
    }
}
