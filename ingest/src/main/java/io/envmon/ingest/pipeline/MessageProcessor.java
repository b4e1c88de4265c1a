package io.envmon.ingest.pipeline;

import io.envmon.ingest.metrics.IngestMetrics;
import io.vertx.core.Future;

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

    public Future<Void> process(IncomingMessage message) {
        metrics.messageReceived();
        return recorder.record(message, decoder.decode(message)).mapEmpty();
    }
}
