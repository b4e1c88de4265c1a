package io.envmon.simulator.run;

import io.envmon.model.Reading;
import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.MonitoredPoint;
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
    private final List<Reading> pending = new ArrayList<>();
    private long seq;

    public PointFeed(MonitoredPoint point, String topic, ValueModel model, int batchSize, ReadingCodec codec) {
        this.point = point;
        this.topic = topic;
        this.model = model;
        this.batchSize = batchSize;
        this.codec = codec;
    }

    public MonitoredPoint point() {
        return point;
    }

    /** Produces the reading for {@code ts}; returns a message once a batch is full. */
    public Optional<OutgoingMessage> next(Instant ts) {
        pending.add(new Reading(ts, model.valuesAt(ts), null, ++seq));
        return pending.size() >= batchSize ? flush() : Optional.empty();
    }

    /** Packs whatever readings are pending (the end of a run) into one message. */
    public Optional<OutgoingMessage> flush() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        String json = batchSize == 1 ? codec.encode(pending.get(0)) : codec.encodeBatch(pending);
        OutgoingMessage message = new OutgoingMessage(point, topic, json.getBytes(StandardCharsets.UTF_8),
                pending.size(), pending.get(pending.size() - 1).ts());
        pending.clear();
        return Optional.of(message);
    }
}
