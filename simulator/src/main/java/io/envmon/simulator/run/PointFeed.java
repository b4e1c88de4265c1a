package io.envmon.simulator.run;

import io.envmon.model.Reading;
import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.scenario.PointEffects;
import io.envmon.simulator.scenario.PointEffects.Shaped;
import io.envmon.simulator.values.ValueModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitored point's device: asks its value model for each tick's values, numbers the readings
 * ({@code seq} from 1) and packs them into messages of {@code batchSize} readings. With a batch size of 1
 * each reading is sent on its own (CONTRACT §2 single reading), otherwise as {@code {"readings": [...]}}.
 *
 * <p>While its connection is down the device keeps its readings ({@link DeviceBuffer}) and sends the backlog as
 * batches once it is back, oldest first, before its newest reading.
 */
public final class PointFeed {

    private static final Logger log = LoggerFactory.getLogger(PointFeed.class);

    private final MonitoredPoint point;
    private final String topic;
    private final ValueModel model;
    private final int batchSize;
    private final ReadingCodec codec;
    private final PointEffects effects;
    private final LedgerRecorder ledger;
    private final DeviceBuffer buffer;
    private final List<Shaped> pending = new ArrayList<>();
    private final Deque<Shaped> backlog = new ArrayDeque<>();
    /** Timestamps sent, kept only when effects move the clock: a repeated one overwrites a stored reading. */
    private final Set<Instant> stamped;
    /** Readings that fill the current batch: the batch size, except for a shorter first one. */
    private int flushAt;
    private long seq;
    private long dropped;

    public PointFeed(MonitoredPoint point, String topic, ValueModel model, int batchSize, ReadingCodec codec) {
        this(point, topic, model, batchSize, codec, PointEffects.none(point), null);
    }

    /**
     * @param effects scenario effects reshaping each reading (silence, flags, out-of-range values…)
     * @param ledger  told about every message packed, or {@code null}
     */
    public PointFeed(MonitoredPoint point, String topic, ValueModel model, int batchSize, ReadingCodec codec,
                     PointEffects effects, LedgerRecorder ledger) {
        this(point, topic, model, batchSize, codec, effects, ledger, DeviceBuffer.DEFAULT);
    }

    public PointFeed(MonitoredPoint point, String topic, ValueModel model, int batchSize, ReadingCodec codec,
                     PointEffects effects, LedgerRecorder ledger, DeviceBuffer buffer) {
        this.point = point;
        this.topic = topic;
        this.model = model;
        this.batchSize = batchSize;
        this.codec = codec;
        this.effects = effects;
        this.ledger = ledger;
        this.buffer = buffer;
        this.stamped = effects.shiftsTime() ? new HashSet<>() : null;
        this.flushAt = batchSize;
    }

    /**
     * Makes the first message carry only {@code readings} readings (1 to the batch size). Points given different
     * first batches fill their batches on different ticks, so that a run with batches sends a steady stream of
     * messages rather than a burst from every point at once every {@code batchSize} ticks.
     *
     * @return this
     */
    public PointFeed withFirstBatchOf(int readings) {
        if (readings < 1 || readings > batchSize) {
            throw new IllegalArgumentException("a first batch of 1 to " + batchSize + " readings, not " + readings);
        }
        flushAt = readings;
        return this;
    }

    public MonitoredPoint point() {
        return point;
    }

    /** Produces the reading for {@code ts} on a connected device; returns a message once a batch is full. */
    public Optional<OutgoingMessage> next(Instant ts) {
        return produce(ts, null) ? Optional.ofNullable(packIfFull()) : Optional.empty();
    }

    /**
     * Produces the reading for {@code ts}. Offline, the device keeps it; online, it first sends what it kept.
     *
     * @param wallNow the wall clock now, for scenario effects that depend on arrival (a clock far ahead)
     * @return the messages to publish now, oldest first (often none)
     */
    public List<OutgoingMessage> next(Instant ts, boolean online, Instant wallNow) {
        boolean produced = produce(ts, wallNow);
        if (!online) {
            // a partial batch joins the backlog too: it will leave in the backlog's batches
            pending.forEach(this::keep);
            pending.clear();
            return List.of();
        }
        List<OutgoingMessage> out = new ArrayList<>(sendBacklog());
        if (produced) {
            OutgoingMessage full = packIfFull();
            if (full != null) {
                out.add(full);
            }
        }
        return out;
    }

    /** Packs whatever readings are pending (the end of a run) into one message. */
    public Optional<OutgoingMessage> flush() {
        return Optional.ofNullable(pack(pending, batchSize > 1));
    }

    /** The end of a run: the backlog and the pending readings, whatever the connection. */
    public List<OutgoingMessage> flushAll() {
        List<OutgoingMessage> out = new ArrayList<>(sendBacklog());
        flush().ifPresent(out::add);
        return out;
    }

    /** Readings kept while offline and not yet sent. */
    public int backlog() {
        return backlog.size();
    }

    /** Readings lost because the device buffer was full. */
    public long dropped() {
        return dropped;
    }

    private boolean produce(Instant ts, Instant wallNow) {
        // the model runs even while the point is silent, so its series continues as if the device had kept measuring
        Reading reading = new Reading(ts, model.valuesAt(ts), null, seq + 1);
        Optional<Shaped> shaped = effects.apply(reading, wallNow);
        if (shaped.isEmpty()) {
            return false;
        }
        seq++;
        pending.add(shaped.get());
        return true;
    }

    private OutgoingMessage packIfFull() {
        if (pending.size() < flushAt) {
            return null;
        }
        flushAt = batchSize;
        return pack(pending, batchSize > 1);
    }

    private void keep(Shaped reading) {
        if (backlog.size() >= buffer.capacity()) {
            backlog.removeFirst();
            if (dropped++ == 0) {
                log.warn("{}: device buffer full ({} readings); the oldest are overwritten until the connection is back",
                        point.label(), buffer.capacity());
            }
            if (ledger != null) {
                ledger.lostAtDevice(point, 1);
            }
        }
        backlog.addLast(reading);
    }

    private List<OutgoingMessage> sendBacklog() {
        if (backlog.isEmpty()) {
            return List.of();
        }
        List<OutgoingMessage> out = new ArrayList<>();
        List<Shaped> batch = new ArrayList<>(buffer.batch());
        while (!backlog.isEmpty()) {
            batch.add(backlog.removeFirst());
            if (batch.size() == buffer.batch() || backlog.isEmpty()) {
                out.add(pack(batch, true));
            }
        }
        return out;
    }

    /** One message of {@code readings} (emptied), or {@code null} when there are none. */
    private OutgoingMessage pack(List<Shaped> readings, boolean asBatch) {
        if (readings.isEmpty()) {
            return null;
        }
        List<Reading> values = readings.stream().map(Shaped::reading).toList();
        String json = asBatch ? codec.encodeBatch(values) : codec.encode(values.get(0));
        Instant first = values.get(0).ts();
        Instant last = first;
        int rejected = 0;
        int overwrites = 0;
        for (Shaped s : readings) {
            Instant ts = s.reading().ts();
            first = ts.isBefore(first) ? ts : first;
            last = ts.isAfter(last) ? ts : last;
            rejected += s.rejected() ? 1 : 0;
            if (stamped != null && !s.rejected() && !stamped.add(ts)) {
                overwrites++;
            }
        }
        OutgoingMessage message = new OutgoingMessage(point, topic, json.getBytes(StandardCharsets.UTF_8),
                readings.size(), last);
        if (ledger != null) {
            ledger.sent(point, readings.size(), rejected, readings.stream().filter(Shaped::rejected)
                    .map(Shaped::reason).toList(), overwrites, first, last);
        }
        readings.clear();
        return message;
    }
}
