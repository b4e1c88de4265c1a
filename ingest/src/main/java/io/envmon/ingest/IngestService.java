package io.envmon.ingest;

import io.envmon.ingest.hj212.Hj212MqttIngress;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.mqtt.PahoMqttConnection;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.ingest.pipeline.MessageProcessor;
import io.envmon.ingest.store.ReadingSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device messages from MQTT, runs each through the {@link MessageProcessor} (JSON) or the
 * {@link Hj212MqttIngress} (HJ 212) and acknowledges it to the broker once it is stored or dead-lettered (ADR 0003).
 * Everything here runs on the ingest context, the one event-loop context {@link IngestWiring} builds the MQTT
 * connection, the sink and the recorder on; call {@link #start}, {@link #drain} and {@link #close} there.
 */
public final class IngestService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final PahoMqttConnection mqtt;
    private final MessageProcessor processor;
    private final Hj212MqttIngress hj212;
    private final ReadingSink sink;
    private final IngestMetrics metrics;
    private int inflight;
    private boolean draining;
    private final Promise<Void> drained = Promise.promise();

    public IngestService(PahoMqttConnection mqtt, MessageProcessor processor, Hj212MqttIngress hj212,
                         ReadingSink sink, IngestMetrics metrics) {
        this.mqtt = mqtt;
        this.processor = processor;
        this.hj212 = hj212;
        this.sink = sink;
        this.metrics = metrics;
        metrics.inflightGauge(this::inflight);
        metrics.inflightHighWaterGauge(mqtt::maxInflight);
        metrics.inflightBytesHighWaterGauge(mqtt::maxInflightBytes);
    }

    /** Connects and subscribes; succeeds at once (a broker that is down is retried in the background). */
    public Future<Void> start() {
        return mqtt.start(this::onMessage);
    }

    private int inflight() {
        return inflight;
    }

    private void onMessage(IncomingMessage message) {
        if (draining) {
            mqtt.release(message);
            return; // not acknowledged: the broker keeps it in the session and redelivers it after restart
        }
        inflight++;
        Future<Void> done;
        try {
            done = hj212.accepts(message.topic()) ? hj212.process(message) : processor.process(message);
        } catch (RuntimeException e) {
            // a bug, not bad input: leave the message unacknowledged so it is not lost, and say so loudly
            LOG.error("processing failed [topic: {}, id: {}]; message left unacknowledged", message.topic(),
                    message.messageId(), e);
            done = Future.failedFuture(e);
        }
        done.onComplete(ar -> {
            inflight--;
            mqtt.release(message);
            if (ar.succeeded()) {
                mqtt.acknowledge(message);
                metrics.messageAcknowledged();
            } else {
                LOG.warn("message not acknowledged [topic: {}, id: {}]: {}", message.topic(), message.messageId(),
                        ar.cause().getMessage());
            }
            if (draining && inflight == 0) {
                drained.tryComplete();
            }
        });
    }

    /**
     * Stops taking messages and lets the ones taken finish (stored and acknowledged); succeeds when none is left.
     * The sink stays open: their dead letters still need writing, and the alert rows of what was stored.
     */
    public Future<Void> drain() {
        draining = true;
        LOG.info("stopping: no new messages taken; finishing {} in flight", inflight);
        if (inflight == 0) {
            drained.tryComplete();
        }
        return drained.future();
    }

    /** Flushes the sink, then disconnects from the broker (which keeps the session for the next start). */
    public Future<Void> close() {
        return sink.flushAndClose()
                .eventually(mqtt::stop)
                .onSuccess(v -> LOG.info("ingest stopped cleanly"));
    }
}
