package io.envmon.ingest;

import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.ingest.cluster.ClusterNode;
import io.envmon.ingest.config.ConfigException;
import io.envmon.ingest.config.ConfigLoader;
import io.envmon.ingest.config.IngestConfig;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryException;
import io.envmon.model.registry.RegistryFiles;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar envmon-ingest.jar [--config FILE]}: validates the configuration, the registry and the
 * {@link StartupFiles}, then has {@link IngestWiring} build the service and start it. SIGTERM/SIGINT stop it in the
 * reverse order (the source stops taking messages, what was taken is stored and acknowledged, the sink flushes)
 * and exit 0. Exit 2: bad configuration or registry; exit 1: could not start.
 */
public final class Main {

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
        StartupFiles files;
        try {
            config = ConfigLoader.load(configFile, System.getenv());
            registry = RegistryFiles.load(config.registry());
            new Hj212Devices(registry, config.hj212().timeZone()); // checks the devices' hj212.units
            files = StartupFiles.load(config.alerts(), registry, System.getenv());
        } catch (ConfigException e) {
            fail(2, e.getMessage());
            return;
        } catch (RegistryException e) {
            fail(2, "invalid configuration:\n  - ENVMON_REGISTRY (registry): " + e.getMessage());
            return;
        }
        new Main().run(config, registry, files);
    }

    private void run(IngestConfig config, Registry registry, StartupFiles files) {
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("envmon ingest starting: MQTT {} (client {}), InfluxDB {} ({} API, bucket {}), registry {}: {}",
                config.mqtt().url(), config.mqtt().clientId(), config.influx().url(),
                config.influx().api().name().toLowerCase(), config.influx().bucket(), config.registry(), registry.summary());
        heapWarning(ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory())
                .ifPresent(log::warn);
        if (files.tokens().isEmpty()) {
            log.warn("no API tokens configured (ENVMON_API_TOKENS): the alert and reading API refuses every call");
        }
        IngestWiring service;
        try {
            if (config.cluster().enabled()) {
                log.info("joining the cluster as {}:{} (members {}), MQTT shared subscription group '{}'",
                        config.cluster().host(), config.cluster().port(), config.cluster().members(),
                        config.cluster().shareGroup());
                ClusterNode.Joined joined;
                try {
                    joined = ClusterNode.join(config.cluster());
                } catch (IllegalStateException e) {
                    fail(1, e.getMessage());
                    return;
                }
                service = new IngestWiring(joined.vertx(), config, registry, files, Clock.systemUTC(),
                        joined.hazelcast());
            } else {
                service = new IngestWiring(Vertx.vertx(), config, registry, files, Clock.systemUTC());
            }
        } catch (ConfigException e) {
            fail(2, e.getMessage()); // the spool's folder (opened, locked and recovered before anything connects)
            return;
        }
        service.start()
                .onSuccess(v -> log.info("envmon ingest started"))
                .onFailure(e -> {
                    log.error("start-up failed: {}", e.getMessage());
                    System.exit(1);
                });
        Signals.onTermination(() -> {
            log.info("signal received: stopping (up to {} s)", IngestWiring.SHUTDOWN_TIMEOUT.toSeconds());
            service.stop(); // on the signal's own thread, so waiting there blocks no event loop
            log.info("stopped");
            System.exit(0);
        });
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

    private static void fail(int code, String message) {
        System.err.println("envmon-ingest: " + message);
        System.exit(code);
    }
}
