package io.envmon.simulator.run;

import io.envmon.model.Reading;
import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.scenario.PointEffects;
import io.envmon.simulator.values.ValueModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One monitored point's device: asks its value model for each tick's values, numbers the readings
 * ({@code seq} from 1) and packs them into messages of {@code batchSize} readings. With a batch size of 1
 * each reading is sent on its own (CONTRACT §2 single reading), otherwise as {@code {"readings": [...]}}.
 */
public final class PointFeed {

    private final MonitoredPoint point;
    private final String topic;
    private final ValueModel model;
    private final int batchSize;
    private final ReadingCodec codec;
    private final PointEffects effects;
    private final LedgerRecorder ledger;
    private final List<Reading> pending = new ArrayList<>();
    private int pendingRejected;
    private int flushAt;
    private long seq;

    public PointFeed(MonitoredPoint point, String topic, ValueModel model, int batchSize, ReadingCodec codec) {
        this(point, topic, model, batchSize, codec, PointEffects.none(point), null);
    }

    /**
     * @param effects scenario effects reshaping each reading (silence, flags, out-of-range values…)
     * @param ledger  told about every message packed, or {@code null}
     */
    public PointFeed(MonitoredPoint point, String topic, ValueModel model, int batchSize, ReadingCodec codec,
                     PointEffects effects, LedgerRecorder ledger) {
        this.point = point;
        this.topic = topic;
        this.model = model;
        this.batchSize = batchSize;
        this.codec = codec;
        this.effects = effects;
        this.ledger = ledger;
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

    /** Produces the reading for {@code ts}; returns a message once a batch is full. */
    public Optional<OutgoingMessage> next(Instant ts) {
        // the model runs even while the point is silent, so its series continues as if the device had kept measuring
        Reading reading = new Reading(ts, model.valuesAt(ts), null, seq + 1);
        Optional<PointEffects.Shaped> shaped = effects.apply(reading);
        if (shaped.isEmpty()) {
            return Optional.empty();
        }
        seq++;
        pending.add(shaped.get().reading());
        pendingRejected += shaped.get().rejected() ? 1 : 0;
        return pending.size() >= flushAt ? flush() : Optional.empty();
    }

    /** Packs whatever readings are pending (the end of a run) into one message. */
    public Optional<OutgoingMessage> flush() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        String json = batchSize == 1 ? codec.encode(pending.get(0)) : codec.encodeBatch(pending);
        OutgoingMessage message = new OutgoingMessage(point, topic, json.getBytes(StandardCharsets.UTF_8),
                pending.size(), pending.get(pending.size() - 1).ts());
        if (ledger != null) {
            ledger.sent(point, pending.size(), pendingRejected, pending.get(0).ts(), message.latest());
        }
        pending.clear();
        pendingRejected = 0;
        flushAt = batchSize;
        return Optional.of(message);
    }
}
