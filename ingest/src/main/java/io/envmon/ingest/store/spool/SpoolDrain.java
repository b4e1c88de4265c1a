package io.envmon.ingest.store.spool;

import io.envmon.ingest.metrics.SpoolMetrics;
import io.envmon.ingest.store.LineProtocol;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.StorePoint;
import io.envmon.ingest.store.WriteOutcome;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of draining: reads the oldest chunk of the spool (on the spool's worker), writes its records through
 * the InfluxDB sink (which retries until InfluxDB takes them), keeps what InfluxDB refuses as data in
 * {@code refused.lp}, then marks the chunk consumed. A chunk is consumed only once written: a process killed
 * in between drains it again (the same points).
 */
final class SpoolDrain {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDrain.class);
    /** Records drained per round: their decoded points are held in memory until written. */
    static final long CHUNK_BYTES = 1024 * 1024;

    /** What one round drained. */
    record Round(int records, int points) {
    }

    private record Chunk(SegmentLog.Chunk chunk, List<List<StorePoint>> writes) {
    }

    private final WorkerExecutor worker;
    private final SegmentLog log;
    private final ReadingSink influx;
    private final Path refusedFile;
    private final SpoolMetrics metrics;
    private volatile boolean closed;

    SpoolDrain(WorkerExecutor worker, SegmentLog log, ReadingSink influx, Path refusedFile, SpoolMetrics metrics) {
        this.worker = worker;
        this.log = log;
        this.influx = influx;
        this.refusedFile = refusedFile;
        this.metrics = metrics;
    }

    /** Fails when the spool cannot be read or was closed meanwhile (nothing is then marked consumed). */
    Future<Round> next() {
        return worker.executeBlocking(this::read, true)
                .compose(this::write)
                .compose(c -> worker.executeBlocking(() -> consume(c), true));
    }

    /** On the spool's worker, before the log closes: a round still running then is not marked consumed. */
    void close() {
        closed = true;
    }

    private Chunk read() throws IOException {
        SegmentLog.Chunk chunk = log.read(CHUNK_BYTES);
        List<List<StorePoint>> writes = new ArrayList<>(chunk.records().size());
        for (byte[] record : chunk.records()) {
            try {
                writes.add(SpoolRecordCodec.decode(record));
            } catch (IOException e) {
                LOG.error("spool: a record of {} bytes cannot be decoded ({}); kept in {}", record.length,
                        e.getMessage(), refusedFile);
                keep("# undecodable record, base64: " + Base64.getEncoder().encodeToString(record) + "\n");
            }
        }
        return new Chunk(chunk, writes);
    }

    private Future<Chunk> write(Chunk c) {
        List<Future<WriteOutcome>> written = new ArrayList<>(c.writes().size());
        c.writes().forEach(points -> written.add(influx.write(points)));
        return Future.all(written).compose(all -> {
            StringBuilder refused = new StringBuilder();
            int count = 0;
            for (int i = 0; i < written.size(); i++) {
                for (Map.Entry<Integer, String> r : written.get(i).result().refused().entrySet()) {
                    count++;
                    refused.append("# ").append(Instant.now()).append(" refused by InfluxDB: ")
                            .append(r.getValue().replace('\n', ' ')).append('\n');
                    LineProtocol.append(refused, c.writes().get(i).get(r.getKey()));
                    refused.append('\n');
                }
            }
            if (count == 0) {
                return Future.succeededFuture(c);
            }
            metrics.refused(count);
            LOG.warn("spool: InfluxDB refused {} drained point(s) as data; they are kept in {}", count, refusedFile);
            return worker.executeBlocking(() -> {
                keep(refused.toString());
                return c;
            }, true);
        });
    }

    private Round consume(Chunk c) throws IOException {
        if (closed) {
            throw new IOException("spool closed before the chunk could be marked drained (it is drained again)");
        }
        log.consume(c.chunk());
        return new Round(c.chunk().records().size(), c.writes().stream().mapToInt(List::size).sum());
    }

    private void keep(String text) {
        try {
            Files.writeString(refusedFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("spool: cannot write {}: {}; what InfluxDB refused was:\n{}", refusedFile, e.getMessage(), text);
        }
    }
}
