package io.envmon.ingest.hj212;

import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.model.Rejection;
import io.vertx.core.Future;

/**
 * Durable storage of HJ 212 frames (the port; {@link RecordingHj212Store} writes through the service's
 * ReadingRecorder and ReadingSink). {@code origin} describes where the frame came from: its MQTT message, or for
 * the TCP gateway a pseudo-message with topic {@code tcp:{address}:{port}} and the frame's bytes as payload.
 */
public interface Hj212Store {

    /**
     * Stores what an admitted frame carries (readings, minute/hourly/daily records, converted values, unmapped
     * codes) and dead-letters what cannot be stored. Succeeds when all of it is durably stored or dead-lettered:
     * only then may a 9014 go out. Fails when the sink was closed first (nothing may be answered; the device
     * resends).
     */
    Future<Void> store(IncomingMessage origin, Admitted frame);

    /** Dead-letters a whole frame; succeeds once published and recorded, fails like {@link #store}. */
    Future<Void> reject(IncomingMessage origin, Rejection rejection);
}
