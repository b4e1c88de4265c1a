package io.envmon.ingest.store;

import com.influxdb.exceptions.InfluxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A {@link PointWriter} for unit tests: records batches, fails the first N writes, refuses chosen points or lines. */
final class FakePointWriter implements PointWriter {

    final List<List<StorePoint>> batches = new CopyOnWriteArrayList<>();
    final List<StorePoint> stored = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile RuntimeException failure = new InfluxException("connection refused");
    volatile Predicate<StorePoint> refuse = p -> false;
    final List<String> storedLines = Collections.synchronizedList(new ArrayList<>());
    final List<LineBatch> lineBatches = new CopyOnWriteArrayList<>();
    volatile Predicate<String> refuseLine = line -> false;

    @Override
    public void write(List<StorePoint> points) {
        batches.add(List.copyOf(points));
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure;
        }
        if (points.stream().anyMatch(refuse)) {
            throw new BadData();
        }
        stored.addAll(points);
    }

    @Override
    public void writeLines(LineBatch lines) {
        lineBatches.add(lines);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure;
        }
        List<String> all = new ArrayList<>(LineBatch.split(lines.millis()));
        all.addAll(LineBatch.split(lines.nanos()));
        if (all.stream().anyMatch(refuseLine)) {
            throw new BadData();
        }
        storedLines.addAll(all);
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void close() {
    }

    /** What influxdb-client-java throws for HTTP 400: classified by status. */
    static final class BadData extends InfluxException {
        BadData() {
            super("field type conflict");
        }

        @Override
        public int status() {
            return 400;
        }
    }
}
