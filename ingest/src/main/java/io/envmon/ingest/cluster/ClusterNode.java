package io.envmon.ingest.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import io.envmon.ingest.config.ClusterConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Joins the other instances (docs/adr/0008-scale-out.md): a Hazelcast member found over TCP/IP from the listed
 * members (never multicast), under a clustered Vert.x whose event bus carries readings to their owner.
 */
public final class ClusterNode {

    /** How long joining may take before start-up gives up. */
    private static final long JOIN_TIMEOUT_SECONDS = 120;

    /** A joined instance: its clustered Vert.x and its Hazelcast member. */
    public record Joined(Vertx vertx, HazelcastInstance hazelcast) {
    }

    private ClusterNode() {
    }

    /** Blocks until joined (call from a plain thread, as Main does). */
    public static Joined join(ClusterConfig config) {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(config));
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost(config.host()).setPort(config.busPort());
        try {
            Vertx vertx = Vertx.builder().with(options).withClusterManager(manager).buildClustered()
                    .toCompletionStage().toCompletableFuture().get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Joined(vertx, manager.getHazelcastInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("ENVMON_CLUSTER_HOST, ENVMON_CLUSTER_PORT, ENVMON_CLUSTER_BUS_PORT: cannot "
                    + "join the cluster on " + config.host() + ":" + config.port() + ": " + cause, cause);
        }
    }

    static Config hazelcastConfig(ClusterConfig config) {
        Config hz = ConfigUtil.loadConfig(); // vertx-hazelcast's maps for the event bus's subscriptions
        hz.setClusterName("envmon");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        // Main stops the service on SIGTERM and leaves the cluster then, after the readings taken are stored
        hz.setProperty("hazelcast.shutdownhook.enabled", "false");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(config.failureTimeout().toSeconds()));
        // instances started at the same moment may each form a cluster of one: they merge within seconds, not minutes
        hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        hz.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        hz.setProperty("hazelcast.wait.seconds.before.join", "2");
        NetworkConfig net = hz.getNetworkConfig();
        net.setPort(config.port()).setPortAutoIncrement(false);
        if (config.host().matches("[0-9.]+")) {
            // listen on that address only (loopback in tests), not on every interface
            hz.setProperty("hazelcast.socket.bind.any", "false");
            net.getInterfaces().setEnabled(true).addInterface(config.host());
        } else {
            net.setPublicAddress(config.host() + ":" + config.port());
        }
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(config.members());
        return hz;
    }
}
