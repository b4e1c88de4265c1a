package io.envmon.ingest;

import io.envmon.ingest.alerts.AlertService;
import io.envmon.ingest.alerts.AlertStateRestorer;
import io.envmon.ingest.alerts.AlertWiring;
import io.envmon.ingest.config.IngestConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.hj212.Hj212MqttIngress;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.mqtt.MqttDeadLetterPublisher;
import io.envmon.ingest.mqtt.PahoMqttConnection;
import io.envmon.ingest.mqtt.ReliablePublisher;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.ingest.pipeline.JsonMessageDecoder;
import io.envmon.ingest.pipeline.MessageProcessor;
import io.envmon.ingest.pipeline.ReadingRecorder;
import io.envmon.ingest.pipeline.ReadingValidator;
import io.envmon.ingest.store.InfluxReadingSink;
import io.envmon.ingest.store.PointWriter;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.spool.Spool;
import io.envmon.model.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device messages from MQTT, runs each through the {@link MessageProcessor} and acknowledges it to the
 * broker once it is stored or dead-lettered. Starts the sink before the source; on stop, stops taking
 * messages first, lets the ones taken finish (stored and acknowledged), then disconnects.
 */
public final class IngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

    private final IngestConfig config;
    private final Registry registry;
    private final PointWriter writer;
    private final IngestMetrics metrics;
    private final ComponentHealth mqttHealth;
    private final ComponentHealth storeHealth;
    private final Clock clock;
    private final AlertWiring alertWiring;
    private final Spool spool;

    private ReadingSink sink;
    private volatile AlertService alerts;
    private PahoMqttConnection mqtt;
    private MessageProcessor processor;
    private Hj212MqttIngress hj212;
    private int inflight;
    private boolean draining;
    private Promise<Void> drained;

    public IngestVerticle(IngestConfig config, Registry registry, PointWriter writer, IngestMetrics metrics,
                          ComponentHealth mqttHealth, ComponentHealth storeHealth, Clock clock,
                          AlertWiring alertWiring, Spool spool) {
        this.alertWiring = alertWiring;
        this.spool = spool;
        this.config = config;
        this.registry = registry;
        this.writer = writer;
        this.metrics = metrics;
        this.mqttHealth = mqttHealth;
        this.storeHealth = storeHealth;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        // the in-flight window split into one batch per concurrent write plus one filling: a batch is full and goes
        // out as soon as a write is free, instead of the whole window waiting for the flush timer
        int writes = config.influx().writeConcurrency();
        int batchSize = Math.max(1, Math.min(config.influx().batchSize(), config.mqtt().receiveMaximum() / (writes + 1)));
        // readings, dead-letter rows and alert rows alike go through the spool when InfluxDB does not answer
        sink = spool.wrap(vertx, new InfluxReadingSink(vertx, writer, batchSize, config.influx().flushInterval(),
                config.influx().maxRetryDelay(), metrics, storeHealth, writes));
        String root = config.topicRoot();
        mqtt = new PahoMqttConnection(vertx, context, config.mqtt(),
                List.of(root + "/air/#", root + "/water/#", root + "/enterprise/#", root + "/hj212/+"),
                this::onMessage, mqttHealth, clock);
        // one recorder for JSON and HJ 212 (and the TCP gateway): one dead-letter path, one set of listeners
        ReadingRecorder recorder = new ReadingRecorder(sink, new MqttDeadLetterPublisher(new ReliablePublisher(vertx, mqtt), root), metrics,
                clock);
        processor = new MessageProcessor(new JsonMessageDecoder(root, registry, config.maxPayloadBytes(),
                new ReadingValidator(config.maxClockSkew()), metrics, clock), recorder, metrics);
        hj212 = Hj212MqttIngress.create(context, root, config.maxPayloadBytes(), config.maxClockSkew(), config.hj212(),
                registry, recorder, sink, (topic, payload) -> mqtt.publish(topic, payload, 1), metrics, clock);
        metrics.inflightGauge(this::inflight);
        metrics.inflightHighWaterGauge(mqtt::maxInflight);
        alerts = new AlertService(vertx, alertWiring.engine(), sink, new ReliablePublisher(vertx, mqtt),
                alertWiring.notifier(), root, clock, metrics.meterRegistry());
        recorder.addListener(alerts);
        // the engine's state is read back before readings flow, so a restart neither forgets nor duplicates alerts
        return alerts.start(new AlertStateRestorer(alertWiring.reader(), registry), alertWiring.tick().toMillis())
                .compose(v -> mqtt.start());
    }

    /** The HJ 212 admission, store and meters for the TCP gateway (after start); the store runs on this context. */
    public Hj212MqttIngress.Services hj212Services() {
        return hj212.services();
    }

    /** The alert service (after start), for the API. */
    public AlertService alertService() {
        return alerts;
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
     * Called from the shutdown thread before the undeploy: Vert.x undeploys the engine's worker context first,
     * which would otherwise wait for every reading queued for the alert engine.
     */
    public void prepareToStop() {
        if (alerts != null) {
            alerts.stopEvaluating();
        }
    }

    @Override
    public Future<?> stop() {
        draining = true;
        drained = Promise.promise();
        if (inflight == 0) {
            drained.complete();
        }
        LOG.info("stopping: no new messages taken; finishing {} in flight", inflight);
        // the sink stays open until the messages taken are done: their dead letters still need writing
        alerts.stop();
        return drained.future()
                .compose(v -> sink.flushAndClose())
                .eventually(() -> mqtt.stop())
                .onSuccess(v -> LOG.info("ingest stopped cleanly"));
    }
}
