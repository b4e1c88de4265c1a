package io.envmon.ingest.alerts.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The last {@code capacity} delivery records, oldest first: a ring buffer written by the notifier's context and
 * read from any thread (the HTTP API). Memory only: it is for the duty officer's "did E003 get it?", not an audit
 * trail (the log lines are).
 */
public final class DeliveryLog {

    private final int capacity;
    private final ArrayDeque<DeliveryRecord> records;

    public DeliveryLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.records = new ArrayDeque<>(capacity);
    }

    public synchronized void add(DeliveryRecord record) {
        if (records.size() == capacity) {
            records.removeFirst();
        }
        records.addLast(record);
    }

    /** A snapshot, oldest first. */
    public synchronized List<DeliveryRecord> snapshot() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    public int capacity() {
        return capacity;
    }
}
