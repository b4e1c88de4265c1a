package io.envmon.ingest.store.spool;

import io.envmon.ingest.metrics.SpoolMetrics;
import io.envmon.ingest.store.LineBatch;
import io.envmon.ingest.store.LineSink;
import io.envmon.ingest.store.LineSink.RefusedLine;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of draining: reads the oldest chunk of the spool (on the spool's worker), writes its records' line
 * protocol, joined into one batch, through the InfluxDB sink (which retries until InfluxDB takes it), keeps the
 * lines InfluxDB refuses as data in {@code refused.lp}, then marks the chunk consumed. A chunk is consumed only
 * once written: a process killed in between drains it again (the same points).
 *
 * <p>The alert engine is not fed here: it judged these readings when they were spooled (a spooled reading counts
 * as stored, docs/adr/0007-durable-spool.md), so the drain needs nothing back but the lines.
 */
final class SpoolDrain {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDrain.class);
    /** Records drained per round: their lines are held in memory, and sent as one batch. */
    static final long CHUNK_BYTES = 1024 * 1024;

    /** What one round drained. */
    record Round(int records, int points) {
    }

    private record Chunk(SegmentLog.Chunk chunk, LineBatch lines) {
    }

    private final WorkerExecutor worker;
    private final SegmentLog log;
    private final LineSink influx;
    private final Path refusedFile;
    private final SpoolMetrics metrics;
    private volatile boolean closed;

    SpoolDrain(WorkerExecutor worker, SegmentLog log, LineSink influx, Path refusedFile, SpoolMetrics metrics) {
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
        List<LineBatch> lines = new ArrayList<>(chunk.records().size());
        for (byte[] record : chunk.records()) {
            try {
                lines.add(SpoolRecord.decode(record));
            } catch (IOException e) {
                LOG.error("spool: a record of {} bytes cannot be decoded ({}); kept in {}", record.length,
                        e.getMessage(), refusedFile);
                keep("# undecodable record, base64: " + Base64.getEncoder().encodeToString(record) + "\n");
            }
        }
        return new Chunk(chunk, LineBatch.join(lines));
    }

    private Future<Chunk> write(Chunk c) {
        return influx.writeLines(c.lines()).compose(refused -> {
            if (refused.isEmpty()) {
                return Future.succeededFuture(c);
            }
            metrics.refused(refused.size());
            LOG.warn("spool: InfluxDB refused {} drained point(s) as data; they are kept in {}", refused.size(),
                    refusedFile);
            String text = refusedText(refused);
            return worker.executeBlocking(() -> {
                keep(text);
                return c;
            }, true);
        });
    }

    private static String refusedText(List<RefusedLine> refused) {
        StringBuilder out = new StringBuilder();
        for (RefusedLine r : refused) {
            out.append("# ").append(Instant.now()).append(" refused by InfluxDB")
                    .append(r.nanos() ? " (precision ns)" : "").append(": ")
                    .append(r.reason().replace('\n', ' ')).append('\n')
                    .append(r.line()).append('\n');
        }
        return out.toString();
    }

    private Round consume(Chunk c) throws IOException {
        if (closed) {
            throw new IOException("spool closed before the chunk could be marked drained (it is drained again)");
        }
        log.consume(c.chunk());
        return new Round(c.chunk().records().size(), c.lines().lines());
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
