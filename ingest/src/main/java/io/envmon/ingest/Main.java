package io.envmon.ingest;

import io.envmon.ingest.config.ConfigException;
import io.envmon.ingest.config.ConfigLoader;
import io.envmon.ingest.config.IngestConfig;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.ingest.store.InfluxPingProbe;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.ingest.hj212.Hj212GatewayVerticle;
import io.envmon.ingest.alerts.AlertNotifier;
import io.envmon.ingest.alerts.AlertWiring;
import io.envmon.ingest.alerts.webhook.WebhookAlertNotifier;
import io.envmon.ingest.alerts.webhook.DeliveryRecord;
import io.envmon.ingest.alerts.webhook.WebhookConfig;
import io.envmon.ingest.http.HttpVerticle;
import io.envmon.ingest.http.api.HttpApi;
import io.envmon.ingest.metrics.IngestMetrics;
import io.envmon.ingest.store.InfluxPointWriter;
import io.envmon.ingest.store.spool.Spool;
import java.io.IOException;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryException;
import io.envmon.model.registry.RegistryFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar envmon-ingest.jar [--config FILE]}: validates the configuration and the registry, then
 * deploys the verticles (probe and HTTP first, the MQTT source last). SIGTERM/SIGINT stop the source, flush
 * what was taken and exit 0. Exit 2: bad configuration or registry; exit 1: could not start.
 */
public final class Main {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        fail(2, "--config needs a file path");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar envmon-ingest.jar [--config FILE]\n"
                            + "Settings come from FILE (YAML) and ENVMON_* environment variables, which win.\n"
                            + "See docs/configuration.md for every setting.");
                    return;
                }
                default -> fail(2, "unknown argument '" + args[i] + "' (usage: java -jar envmon-ingest.jar [--config FILE])");
            }
        }
        IngestConfig config;
        Registry registry;
        StartupFiles alerts;
        try {
            config = ConfigLoader.load(configFile, System.getenv());
            registry = RegistryFiles.load(config.registry());
            new Hj212Devices(registry, config.hj212().timeZone()); // checks the devices' hj212.units
            alerts = StartupFiles.load(config.alerts(), registry, System.getenv());
        } catch (ConfigException e) {
            fail(2, e.getMessage());
            return;
        } catch (RegistryException e) {
            fail(2, "invalid configuration:\n  - ENVMON_REGISTRY (registry): " + e.getMessage());
            return;
        }
        new Main().run(config, registry, alerts);
    }

    private void run(IngestConfig config, Registry registry, StartupFiles alerts) {
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("envmon ingest starting: MQTT {} (client {}), InfluxDB {} ({} API, bucket {}), registry {}: {}",
                config.mqtt().url(), config.mqtt().clientId(), config.influx().url(),
                config.influx().api().name().toLowerCase(), config.influx().bucket(), config.registry(), registry.summary());
        heapWarning(ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory())
                .ifPresent(log::warn);
        Vertx vertx = Vertx.vertx();
        InfluxPointWriter writer = new InfluxPointWriter(config.influx());
        IngestMetrics metrics = new IngestMetrics();
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
        Spool spool = openSpool(config, metrics, spoolHealth);

        AlertNotifier notifier = webhooks(vertx, alerts, metrics, log);
        IngestVerticle ingest = new IngestVerticle(config, registry, writer, metrics, mqttHealth, writeHealth,
                Clock.systemUTC(), new AlertWiring(alerts.engine(), notifier, writer, config.alerts().tick()), spool);
        Supplier<List<DeliveryRecord>> deliveries = notifier instanceof WebhookAlertNotifier hooks
                ? hooks::recentDeliveries : List::of;
        HttpApi api = new HttpApi(vertx, ingest::alertService, writer, registry, alerts.tokens(), deliveries,
                alerts.rules());
        if (alerts.tokens().isEmpty()) {
            log.warn("no API tokens configured (ENVMON_API_TOKENS): the alert and reading API refuses every call");
        }
        String[] ingestId = new String[1];
        String[] gatewayId = new String[1];
        vertx.deployVerticle(new InfluxPingProbe(writer, influxHealth, Duration.ofSeconds(5)))
                .compose(id -> vertx.deployVerticle(new HttpVerticle(config.httpPort(), metrics, components, List.of(api::mount),
                        config.httpTls())))
                .compose(id -> vertx.deployVerticle(ingest))
                // the HJ 212 TCP gateway stores through ingest, so it starts after it (and stops before it)
                .compose(id -> config.hj212().tcpPort() == null ? Future.succeededFuture(id)
                        : vertx.deployVerticle(new Hj212GatewayVerticle(config.hj212(), ingest.hj212Services(),
                                Clock.systemUTC())).map(gateway -> {
                                    gatewayId[0] = gateway;
                                    return id;
                                }))
                .onSuccess(id -> {
                    ingestId[0] = id;
                    log.info("envmon ingest started");
                })
                .onFailure(e -> {
                    log.error("start-up failed: {}", e.getMessage());
                    System.exit(1);
                });

        Runnable shutdown = () -> {
            log.info("signal received: stopping (up to {} s)", SHUTDOWN_TIMEOUT.toSeconds());
            try {
                if (gatewayId[0] != null) {
                    vertx.undeploy(gatewayId[0]).toCompletionStage().toCompletableFuture()
                            .get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (TimeoutException | ExecutionException e) {
                log.warn("stopping the HJ 212 gateway: {}; frames not yet stored were not answered, devices resend",
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ingest.prepareToStop();
            try {
                // runs on a plain thread, so waiting here blocks no event loop
                if (ingestId[0] != null) {
                    vertx.undeploy(ingestId[0]).toCompletionStage().toCompletableFuture()
                            .get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (TimeoutException e) {
                log.warn("shutdown timed out; messages not yet stored stay unacknowledged and the broker "
                        + "redelivers them on the next start");
            } catch (ExecutionException e) {
                log.warn("stopping ingest: {}", e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("closing Vert.x: {}", e.getMessage());
            }
            writer.close();
            log.info("stopped");
            System.exit(0);
        };
        Signals.onTermination(shutdown);
    }

    /**
     * A warning when the JVM was started without a maximum heap ({@code -Xmx}, {@code -XX:MaxHeapSize},
     * {@code -XX:MaxRAMPercentage} or {@code -XX:MaxRAM} in {@code jvmArguments}): it then takes up to a quarter of
     * the machine's memory. Empty when one is given.
     */
    static Optional<String> heapWarning(List<String> jvmArguments, long maxHeapBytes) {
        for (String argument : jvmArguments) {
            if (argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize=")
                    || argument.startsWith("-XX:MaxRAMPercentage=") || argument.startsWith("-XX:MaxRAM=")) {
                return Optional.empty();
            }
        }
        return Optional.of("no maximum heap set (-Xmx or -XX:MaxRAMPercentage): the JVM chose " + (maxHeapBytes >> 20)
                + " MiB; set one with ENVMON_JAVA_OPTS, e.g. -Xmx512m (see docs/operations.md#memory)");
    }

    /** The spool's folder is created, locked and recovered before anything connects; a failure is a setting's fault. */
    private static Spool openSpool(IngestConfig config, IngestMetrics metrics, ComponentHealth health) {
        try {
            Spool spool = Spool.open(config.spool(), metrics.meterRegistry(), health);
            if (config.spool().enabled()) {
                LoggerFactory.getLogger(Main.class).info("spool: {} (at most {} bytes; writes unconfirmed for {} ms "
                        + "are spooled)", config.spool().dir().toAbsolutePath(), config.spool().maxBytes(),
                        config.spool().after().toMillis());
            }
            return spool;
        } catch (IOException e) {
            fail(2, "invalid configuration:\n  - ENVMON_SPOOL_DIR (spool.dir): cannot use '"
                    + config.spool().dir().toAbsolutePath() + "': " + e + " (set it to a folder the service may "
                    + "write, or ENVMON_SPOOL_MAX_BYTES=0 for no spool)");
            throw new IllegalStateException(e);
        }
    }

    /** Webhook delivery when ENVMON_WEBHOOKS is set; otherwise events go only to MQTT, InfluxDB and the API. */
    private static AlertNotifier webhooks(Vertx vertx, StartupFiles alerts, IngestMetrics metrics, Logger log) {
        if (alerts.webhooks() == null) {
            return event -> { };
        }
        log.info("webhooks: {}", alerts.webhooks().webhooks().stream().map(WebhookConfig::name).toList());
        return new WebhookAlertNotifier(vertx, alerts.webhooks(), Clock.systemUTC(), metrics.meterRegistry());
    }

    private static void fail(int code, String message) {
        System.err.println("envmon-ingest: " + message);
        System.exit(code);
    }
}
