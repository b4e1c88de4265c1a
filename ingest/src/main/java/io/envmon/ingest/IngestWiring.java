package io.envmon.ingest;

import com.hazelcast.core.HazelcastInstance;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineSet;
import io.envmon.alerts.engine.EvaluationGroups;
import io.envmon.ingest.alerts.AlertAcknowledger;
import io.envmon.ingest.alerts.AlertBacklog;
import io.envmon.ingest.alerts.AlertBoard;
import io.envmon.ingest.alerts.AlertNotifier;
import io.envmon.ingest.alerts.AlertOutlet;
import io.envmon.ingest.alerts.AlertStateRestorer;
import io.envmon.ingest.alerts.AlertVerticle;
import io.envmon.ingest.alerts.OpenAlerts;
import io.envmon.ingest.alerts.UnitHandover;
import io.envmon.ingest.alerts.webhook.DeliveryRecord;
import io.envmon.ingest.alerts.webhook.WebhookAlertNotifier;
import io.envmon.ingest.alerts.webhook.WebhookConfig;
import io.envmon.ingest.cluster.AlertRouter;
import io.envmon.ingest.cluster.ClusterAlerts;
import io.envmon.ingest.cluster.ClusterCoordinator;
import io.envmon.ingest.cluster.ClusterRuntime;
import io.envmon.ingest.cluster.HazelcastPublishedEvents;
import io.envmon.ingest.cluster.HazelcastUnitLeases;
import io.envmon.ingest.config.CertificateExpiries;
import io.envmon.ingest.config.ConfigException;
import io.envmon.ingest.config.IngestConfig;
import io.envmon.ingest.config.SpoolConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.hj212.Hj212GatewayVerticle;
import io.envmon.ingest.hj212.Hj212MqttIngress;
import io.envmon.ingest.http.ConsoleResource;
import io.envmon.ingest.http.HttpVerticle;
import io.envmon.ingest.http.api.HttpApi;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.mqtt.MqttDeadLetterPublisher;
import io.envmon.ingest.mqtt.PahoMqttConnection;
import io.envmon.ingest.mqtt.ReliablePublisher;
import io.envmon.ingest.pipeline.JsonMessageDecoder;
import io.envmon.ingest.pipeline.MessageProcessor;
import io.envmon.ingest.pipeline.ReadingRecorder;
import io.envmon.ingest.pipeline.ReadingValidator;
import io.envmon.ingest.store.InfluxPingProbe;
import io.envmon.ingest.store.InfluxPointWriter;
import io.envmon.ingest.store.InfluxReadingSink;
import io.envmon.ingest.store.ReadingSink;
import io.envmon.ingest.store.spool.Spool;
import io.envmon.model.registry.Registry;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root (docs/adr/0006-wiring-of-the-ingest-service.md): builds every long-lived collaborator of the
 * service and hands each its collaborators by constructor. Building connects to nothing; {@link #start()} starts
 * them in order and {@link #stop()} stops them in the reverse order, both here and nowhere else.
 *
 * <p>Three kinds of context: the <em>ingest context</em>, one event-loop context taken here, on which the MQTT
 * connection, the sink, the recorder and {@link IngestService} run (each of them not thread-safe, each used from that
 * context only); the alert engine's worker context ({@link AlertVerticle}); and each other verticle's own.
 */
public final class IngestWiring {

    private static final Logger LOG = LoggerFactory.getLogger(IngestWiring.class);
    /** How long each step of {@link #stop()} may take: the gateway's, then the source's, alerts' and sink's. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * In a cluster, how long a unit taken over waits before it is read back from InfluxDB: long enough for what the
     * other instances stored, and the alert rows the previous owner wrote, to be written (docs/scale-out.md).
     */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /**
     * In a cluster, how long a unit taken over waits for its previous owner, still alive, to give it up before it is
     * taken anyway: a release comes within a second or two, unless that instance hangs (docs/scale-out.md#handover).
     */
    static final Duration HANDOVER_PATIENCE = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Context ingest;
    private final InfluxPointWriter writer;
    private final InfluxPingProbe probe;
    private final HttpVerticle http;
    private final AlertVerticle alerts;
    private final IngestService service;
    private final Optional<Hj212GatewayVerticle> gateway;
    /** Present when the instance runs in a cluster (docs/scale-out.md). */
    private final Optional<ClusterRuntime> cluster;
    /** Deployment IDs of the verticles started so far, for the stop. */
    private final Map<Deployable, String> deployed = new ConcurrentHashMap<>();

    /**
     * Takes {@code vertx} over: {@link #stop()} closes it. Call from a plain thread (it waits for the ingest context).
     *
     * @throws ConfigException when the spool's folder cannot be used (ENVMON_SPOOL_DIR)
     */
    public IngestWiring(Vertx vertx, IngestConfig config, Registry registry, StartupFiles files, Clock clock) {
        this(vertx, config, registry, files, clock, null);
    }

    /**
     * @param hazelcast the cluster's member this instance is ({@code vertx} is then clustered), or null for one
     *                  instance
     */
    public IngestWiring(Vertx vertx, IngestConfig config, Registry registry, StartupFiles files, Clock clock,
                        HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.ingest = vertx.getOrCreateContext();
        String root = config.topicRoot();
        writer = new InfluxPointWriter(config.influx());
        IngestMetrics metrics = new IngestMetrics();
        // a certificate that expires soon is said at start, and its expiry is a gauge to alert on
        CertificateExpiries.report(config, metrics.meterRegistry(), clock.instant());
        ComponentHealth mqttHealth = new ComponentHealth(false, "not connected yet");
        ComponentHealth influxHealth = new ComponentHealth(false, "not pinged yet");
        ComponentHealth writeHealth = new ComponentHealth(true, "no write yet");
        metrics.upGauge("mqtt", mqttHealth::isUp);
        metrics.upGauge("influxdb", () -> influxHealth.isUp() && writeHealth.isUp());
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        components.put("mqtt", mqttHealth);
        components.put("influxdb", influxHealth);
        components.put("influxdb_writes", writeHealth);
        ComponentHealth spoolHealth = new ComponentHealth(true, "not opened yet");
        components.put("spool", spoolHealth);
        Spool spool = openSpool(config.spool(), metrics, spoolHealth);

        // the ingest context: in, stored, acknowledged (docs/architecture.md, steps 1 to 4)
        // the in-flight window split into one batch per concurrent write plus one filling: a batch is full and goes
        // out as soon as a write is free, instead of the whole window waiting for the flush timer
        int writes = config.influx().writeConcurrency();
        int batchSize = Math.max(1, Math.min(config.influx().batchSize(), config.mqtt().receiveMaximum() / (writes + 1)));
        InfluxReadingSink influx = new InfluxReadingSink(vertx, writer, batchSize, config.influx().flushInterval(),
                config.influx().maxRetryDelay(), metrics, writeHealth, writes);
        // readings, dead-letter rows and alert rows alike go through the spool when InfluxDB does not answer; the
        // spool sets its timers on the context that wraps the sink, so that is done on the ingest context
        ReadingSink sink = builtOnIngest(() -> spool.wrap(vertx, influx));
        // the alert engine may fall behind storage, not without bound: beyond it, intake waits (AlertBacklog); in a
        // cluster the instances share the subscriptions: the broker hands each message to one of them
        AlertBacklog backlog = new AlertBacklog(config.alerts().maxQueued());
        PahoMqttConnection mqtt = new PahoMqttConnection(vertx, ingest, config.mqtt(),
                List.of(root + "/air/#", root + "/water/#", root + "/enterprise/#", root + "/hj212/+").stream()
                        .map(config.cluster()::subscription).toList(), mqttHealth, clock, backlog::awaitRoom);
        ReliablePublisher publisher = new ReliablePublisher(vertx, mqtt);
        // one recorder for JSON and HJ 212 (and the TCP gateway): one dead-letter path, one set of listeners
        ReadingRecorder recorder = new ReadingRecorder(sink, new MqttDeadLetterPublisher(publisher, root), metrics, clock);
        MessageProcessor processor = new MessageProcessor(new JsonMessageDecoder(root, registry,
                config.maxPayloadBytes(), new ReadingValidator(config.maxClockSkew()), metrics, clock), recorder, metrics);
        Hj212MqttIngress hj212 = Hj212MqttIngress.create(ingest, root, config.maxPayloadBytes(), config.maxClockSkew(),
                config.hj212(), registry, recorder, sink, (topic, payload) -> mqtt.publish(topic, payload, 1), metrics,
                clock);
        service = new IngestService(mqtt, processor, hj212, sink, metrics);
        // the TCP gateway stores through the same recorder and sink, hopping onto the ingest context
        gateway = config.hj212().tcpPort() == null ? Optional.empty()
                : Optional.of(new Hj212GatewayVerticle(config.hj212(), hj212.services(), clock));

        // the alert runtime: judged and out (steps 5 and 6)
        AlertEngine engine = files.engine();
        AlertBoard board = new AlertBoard(engine::bureauOnly);
        AlertNotifier notifier = webhooks(files, metrics);
        AlertOutlet outlet = new AlertOutlet(ingest, sink, publisher::publish, notifier, vertx.eventBus(), root,
                engine::bureauOnly, metrics.meterRegistry());
        AlertStateRestorer restorer = new AlertStateRestorer(writer, registry);
        Map<String, Supplier<JsonObject>> healthSections = new LinkedHashMap<>();
        OpenAlerts openAlerts;
        AlertAcknowledger acknowledger;
        if (hazelcast == null) {
            alerts = new AlertVerticle(engine, restorer, board, outlet, config.alerts().tick(), clock,
                    metrics.meterRegistry(), backlog, spool::records);
            recorder.addListener(alerts);
            cluster = Optional.empty();
            openAlerts = board;
            acknowledger = alerts;
        } else {
            // each instance evaluates the units (partitions) it owns; a stored reading goes to its point's owner
            ClusterCoordinator coordinator = new ClusterCoordinator(vertx, hazelcast, registry,
                    new EvaluationGroups(registry, files.rules()), clock, metrics.meterRegistry());
            EngineSet engines = EngineSet.partitioned(coordinator::unitOf, coordinator::unitOf,
                    unit -> new AlertEngine(registry, files.rules(), p -> coordinator.unitOf(p) == unit));
            alerts = new AlertVerticle(engines, engine::restoreDepth, restorer, board, outlet, config.alerts().tick(),
                    clock, metrics.meterRegistry(), backlog, spool::records, new UnitHandover(SETTLE, HANDOVER_PATIENCE,
                            new HazelcastUnitLeases(hazelcast), new HazelcastPublishedEvents(hazelcast)));
            coordinator.onChange(alerts::reassign);
            AlertRouter routing = new AlertRouter(vertx, coordinator, alerts, metrics.meterRegistry());
            recorder.addListener(routing);
            components.put("cluster", coordinator.health());
            healthSections.put("cluster", coordinator::healthJson);
            // the API answers for the whole cluster, whichever instance a load balancer picks
            ClusterAlerts everyones = new ClusterAlerts(vertx, hazelcast, board, alerts, metrics.meterRegistry());
            cluster = Optional.of(new ClusterRuntime(coordinator, routing, everyones));
            openAlerts = everyones;
            acknowledger = everyones;
        }

        Supplier<List<DeliveryRecord>> deliveries = notifier instanceof WebhookAlertNotifier hooks
                ? hooks::recentDeliveries : List::of;
        HttpApi api = new HttpApi(vertx, board, openAlerts, acknowledger, writer, registry, files.tokens(), deliveries,
                files.rules(), config.http(), metrics.meterRegistry());
        ConsoleResource console = new ConsoleResource(vertx); // unpacks its files here, off the event loop
        // the console after the API, so that /api/... never reaches it (docs/console.md)
        http = new HttpVerticle(config.httpPort(), config.http(), metrics, components,
                List.of(api::mount, console::mount), config.httpTls(), healthSections);
        probe = new InfluxPingProbe(writer, influxHealth, Duration.ofSeconds(5));
    }

    /**
     * The spool's folder is created, locked and recovered before anything connects.
     *
     * @throws ConfigException naming ENVMON_SPOOL_DIR when the folder cannot be used
     */
    private static Spool openSpool(SpoolConfig config, IngestMetrics metrics, ComponentHealth health) {
        try {
            Spool spool = Spool.open(config, metrics.meterRegistry(), health);
            if (config.enabled()) {
                LOG.info("spool: {} (at most {} bytes; writes unconfirmed for {} ms are spooled)",
                        config.dir().toAbsolutePath(), config.maxBytes(), config.after().toMillis());
            }
            return spool;
        } catch (IOException e) {
            throw new ConfigException(List.of("ENVMON_SPOOL_DIR (spool.dir): cannot use '"
                    + config.dir().toAbsolutePath() + "': " + e + " (set it to a folder the service may write, or "
                    + "ENVMON_SPOOL_MAX_BYTES=0 for no spool)"));
        }
    }

    /** Webhook delivery when ENVMON_WEBHOOKS is set; otherwise events go only to MQTT, InfluxDB and the API. */
    private AlertNotifier webhooks(StartupFiles files, IngestMetrics metrics) {
        if (files.webhooks() == null) {
            return event -> { };
        }
        LOG.info("webhooks: {}", files.webhooks().webhooks().stream().map(WebhookConfig::name).toList());
        return new WebhookAlertNotifier(vertx, files.webhooks(), Clock.systemUTC(), metrics.meterRegistry());
    }

    /**
     * Probe and HTTP first (so /health tells what is missing), then the alert engine's state read back from InfluxDB
     * (the API answers 503 until then), then the MQTT source (readings flow only once the engine can take them), then
     * the TCP gateway, which stores through the ingest context.
     */
    public Future<Void> start() {
        return deploy(probe, new DeploymentOptions())
                .compose(v -> deploy(http, new DeploymentOptions()))
                .compose(v -> deploy(alerts, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
                .compose(v -> {
                    cluster.ifPresent(c -> c.start(ingest));
                    return Future.<Void>succeededFuture();
                })
                .compose(v -> onIngest(service::start))
                .compose(v -> gateway.map(g -> deploy(g, new DeploymentOptions())).orElse(Future.succeededFuture()));
    }

    /**
     * The reverse of {@link #start()}, from a plain thread (it waits; never call it on an event loop). Before it, one
     * step of its own: the alert engine skips what is still queued (and says how much), so that nothing below waits
     * for its backlog; the next start replays it from InfluxDB. Then the gateway; the MQTT source stops taking
     * messages and finishes the ones taken (stored and acknowledged); the alert runtime stops (tick, webhooks); the
     * sink flushes and MQTT disconnects; HTTP and the probe; Vert.x; the InfluxDB client.
     */
    public void stop() {
        undeploy(gateway.orElse(null), SHUTDOWN_TIMEOUT, "stopping the HJ 212 gateway: {}; frames not yet stored were "
                + "not answered, devices resend");
        alerts.stopEvaluating();
        cluster.ifPresent(ClusterRuntime::stop);
        // one deadline for the source, the alert runtime and the sink: the sink stays open while the others finish
        Future<Void> ingestStopped = onIngest(service::drain)
                .eventually(() -> undeployed(alerts))
                .eventually(() -> onIngest(service::close));
        try {
            ingestStopped.toCompletionStage().toCompletableFuture().get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("shutdown timed out; messages not yet stored stay unacknowledged and the broker "
                    + "redelivers them on the next start");
        } catch (ExecutionException e) {
            LOG.warn("stopping ingest: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undeploy(http, CLOSE_TIMEOUT, "stopping HTTP: {}");
        undeploy(probe, CLOSE_TIMEOUT, "stopping the InfluxDB probe: {}");
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing Vert.x: {}", e.getMessage());
        }
        writer.close();
    }

    private Future<Void> deploy(Deployable verticle, DeploymentOptions options) {
        return vertx.deployVerticle(verticle, options).map(id -> {
            deployed.put(verticle, id);
            return null;
        });
    }

    /** Undeploys a verticle that was started; a verticle never started (or absent) is done at once. */
    private Future<Void> undeployed(Deployable verticle) {
        String id = verticle == null ? null : deployed.remove(verticle);
        return id == null ? Future.succeededFuture() : vertx.undeploy(id);
    }

    private void undeploy(Deployable verticle, Duration timeout, String warning) {
        try {
            undeployed(verticle).toCompletionStage().toCompletableFuture().get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn(warning, e instanceof ExecutionException ? e.getCause().getMessage() : "timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds a collaborator on the ingest context and waits for it (call from a plain thread, as the constructor is):
     * for one that sets its timers on the context that builds it.
     */
    private <T> T builtOnIngest(Supplier<T> build) {
        return onIngest(() -> Future.succeededFuture(build.get())).toCompletionStage().toCompletableFuture().join();
    }

    /** Runs {@code work} on the ingest context; the future completes there. */
    private <T> Future<T> onIngest(Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        ingest.runOnContext(v -> {
            Future<T> result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(done);
        });
        return done.future();
    }
}
