package io.envmon.alerts.rules;

import java.time.Instant;
import java.util.List;

/**
 * What a point's rules may ask about the other points: which of their closed hours hold a parameter's values with
 * the same fingerprint ({@code integrity_copied_series}). The engine answers from an index of every enterprise
 * outlet's retained hours, in O(1) per question; the point asking is never among the answers.
 */
@FunctionalInterface
public interface SeriesLookup {

    /** Nobody else: a view without cross-point knowledge. */
    SeriesLookup NONE = (parameter, hash) -> List.of();

    /** Another point's hour whose values of the parameter have the fingerprint asked about. */
    record Match(SiteInfo site, Instant hour) {
    }

    /** The other points' hours whose {@code parameter} has fingerprint {@code hash}. */
    List<Match> same(String parameter, long hash);
}
