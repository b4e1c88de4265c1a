package io.envmon.ingest.pipeline;

import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.model.registry.Registry;
import io.vertx.core.Future;
import java.time.Clock;

/**
 * The flow of one JSON device message: check size and topic, resolve the site, decode, validate each reading
 * ({@link JsonMessageDecoder}), then store the accepted ones and dead-letter the rest ({@link ReadingRecorder}).
 * The returned future succeeds when everything the message carried is stored or dead-lettered, which is when
 * the caller may acknowledge it to the broker.
 */
public final class MessageProcessor {

    private final JsonMessageDecoder decoder;
    private final ReadingRecorder recorder;
    private final IngestMetrics metrics;

    public MessageProcessor(JsonMessageDecoder decoder, ReadingRecorder recorder, IngestMetrics metrics) {
        this.decoder = decoder;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    /** Convenience for tests and simple wiring: builds the decoder and recorder from their parts. */
    public MessageProcessor(String topicRoot, Registry registry, int maxPayloadBytes, ReadingValidator validator,
                            ReadingSink sink, DeadLetterPublisher deadLetters, IngestMetrics metrics, Clock clock) {
        this(new JsonMessageDecoder(topicRoot, registry, maxPayloadBytes, validator, metrics, clock),
                new ReadingRecorder(sink, deadLetters, metrics, clock), metrics);
    }

    public Future<Void> process(IncomingMessage message) {
        metrics.messageReceived();
        return recorder.record(message, decoder.decode(message)).mapEmpty();
    }
}
