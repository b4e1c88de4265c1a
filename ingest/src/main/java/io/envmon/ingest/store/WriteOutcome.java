package io.envmon.ingest.store;

import java.util.List;
import java.util.Map;

/**
 * What became of the points of one {@link ReadingSink#write} call: all stored, except those the database
 * refused as data (by index in the call's list, with the database's message). Refused points are to be
 * dead-lettered by the caller; retrying them cannot succeed.
 */
public record WriteOutcome(Map<Integer, String> refused) {

    public static final WriteOutcome ALL_STORED = new WriteOutcome(Map.of());

    public WriteOutcome {
        refused = Map.copyOf(refused);
    }

    public List<Integer> refusedIndexes() {
        return refused.keySet().stream().sorted().toList();
    }
}
