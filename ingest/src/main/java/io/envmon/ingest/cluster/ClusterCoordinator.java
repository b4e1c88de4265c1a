package io.envmon.ingest.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.envmon.alerts.engine.EvaluationGroups;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.health.ComponentHealth;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who evaluates what (docs/scale-out.md): each {@link EvaluationGroups evaluation group} of points falls in one
 * Hazelcast partition (the partition of its name), and the partition's owner, as Hazelcast assigns it, evaluates
 * its points. A unit is a partition that holds at least one group. Hazelcast moves partitions when instances join,
 * leave or die; this class follows its partition table (at each membership change and every second) and tells the
 * alert runtime which units this instance owns.
 */
public final class ClusterCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCoordinator.class);
    private static final long CHECK_MILLIS = 1000;

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final EvaluationGroups groups;
    private final Clock clock;
    private final String localId;
    /** Group name → partition (stable for a cluster: Hazelcast hashes the key). */
    private final Map<String, Integer> partitionOfGroup = new ConcurrentHashMap<>();
    /** Unit → its groups and their point count, for /health. */
    private final Map<Integer, List<String>> groupsOfUnit = new TreeMap<>();
    private final Map<String, Integer> pointsOfGroup;
    private final ComponentHealth health = new ComponentHealth(true, "joining");
    private final Counter changes;
    private volatile Set<Integer> owned = Set.of();
    private volatile boolean memberLeft;
    private volatile Instant changedAt;
    private volatile int members;
    private BiConsumer<Set<Integer>, Boolean> listener = (u, left) -> { };
    private long timer = -1;
    private java.util.UUID membershipRegistration;
    /** Unit → the member that owns it, as of the last check: where stored readings are sent. */
    private volatile Map<Integer, String> owners = Map.of();

    public ClusterCoordinator(Vertx vertx, HazelcastInstance hazelcast, Registry registry, EvaluationGroups groups,
                              Clock clock, MeterRegistry meters) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.groups = groups;
        this.clock = clock;
        this.localId = hazelcast.getCluster().getLocalMember().getUuid().toString();
        Map<String, List<String>> all = groups.groups();
        this.pointsOfGroup = new TreeMap<>();
        all.forEach((group, points) -> {
            pointsOfGroup.put(group, points.size());
            groupsOfUnit.computeIfAbsent(partitionOf(group), u -> new ArrayList<>()).add(group);
        });
        this.changes = Counter.builder("envmon.cluster.ownership.changes")
                .description("Changes of the units (partitions) this instance evaluates").register(meters);
        meters.gauge("envmon.cluster.members", this, c -> c.members);
        meters.gauge("envmon.cluster.partitions.owned", this, c -> c.ownedPartitions());
        meters.gauge("envmon.cluster.units.owned", this, c -> c.owned.size());
        meters.gauge("envmon.cluster.points.owned", this, c -> c.ownedPoints());
        registry.points().forEach(this::unitOf);
    }

    /** This instance's member ID: the event bus address of its readings ends with it. */
    public String localId() {
        return localId;
    }

    /** Told every change: the units now owned, and whether an instance left or died since the last change. */
    public void onChange(BiConsumer<Set<Integer>, Boolean> listener) {
        this.listener = listener;
    }

    public int unitOf(MonitoredPoint point) {
        return partitionOf(groups.groupOf(point));
    }

    public int unitOf(AlertEvent event) {
        return partitionOf(groups.groupOf(event));
    }

    private int partitionOf(String group) {
        return partitionOfGroup.computeIfAbsent(group,
                g -> hazelcast.getPartitionService().getPartition(g).getPartitionId());
    }

    /** The member that owns a unit, as of the last check (at most a second old), or null while it is moved. */
    public String ownerOf(int unit) {
        return owners.get(unit);
    }

    /** Follows the partition table: at once, at every membership change and every second. */
    public void start() {
        membershipRegistration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("cluster: {} joined ({} members)", event.getMember().getAddress(), event.getMembers().size());
                vertx.runOnContext(v -> check());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.warn("cluster: {} left ({} members): its units are taken over and the units kept re-read",
                        event.getMember().getAddress(), event.getMembers().size());
                memberLeft = true;
                vertx.runOnContext(v -> check());
            }
        });
        check();
        timer = vertx.setPeriodic(CHECK_MILLIS, id -> check());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (membershipRegistration != null) {
            try {
                hazelcast.getCluster().removeMembershipListener(membershipRegistration);
            } catch (RuntimeException e) {
                // Hazelcast already shut down
            }
        }
    }

    private synchronized void check() {
        if (!hazelcast.getLifecycleService().isRunning()) {
            return;
        }
        members = hazelcast.getCluster().getMembers().size();
        Set<Integer> now = new TreeSet<>();
        Map<Integer, String> table = new java.util.HashMap<>();
        boolean unassigned = false;
        for (Partition p : hazelcast.getPartitionService().getPartitions()) {
            if (!groupsOfUnit.containsKey(p.getPartitionId())) {
                continue;
            }
            Member owner = p.getOwner();
            if (owner == null) {
                unassigned = true;
                continue;
            }
            table.put(p.getPartitionId(), owner.getUuid().toString());
            if (owner.getUuid().toString().equals(localId)) {
                now.add(p.getPartitionId());
            }
        }
        owners = Map.copyOf(table);
        if (unassigned) {
            return; // Hazelcast is moving partitions: the next check sees where they went
        }
        if (!now.equals(owned) || memberLeft || changedAt == null) {
            boolean left = memberLeft;
            memberLeft = false;
            boolean first = changedAt == null;
            owned = Set.copyOf(now);
            changedAt = clock.instant();
            changes.increment();
            LOG.info("cluster: this instance evaluates {} units ({} points) of {} members{}", now.size(), ownedPoints(),
                    members, first ? "" : left ? " (an instance left)" : "");
            health.up(summary());
            listener.accept(owned, left && !first);
        }
    }

    private String summary() {
        return "member " + hazelcast.getCluster().getLocalMember().getAddress() + " of " + members + "; owns "
                + ownedPartitions() + " partitions, " + owned.size() + " with points: " + ownedPoints() + " points";
    }

    private int ownedPartitions() {
        int n = 0;
        for (Partition p : hazelcast.getPartitionService().getPartitions()) {
            Member owner = p.getOwner();
            n += owner != null && owner.getUuid().toString().equals(localId) ? 1 : 0;
        }
        return n;
    }

    private int ownedPoints() {
        int n = 0;
        for (Integer unit : owned) {
            for (String group : groupsOfUnit.getOrDefault(unit, List.of())) {
                n += pointsOfGroup.getOrDefault(group, 0);
            }
        }
        return n;
    }

    public ComponentHealth health() {
        return health;
    }

    /** The {@code cluster} block of /health (docs/scale-out.md#health-and-metrics). */
    public JsonObject healthJson() {
        JsonObject out = new JsonObject().put("member", hazelcast.getCluster().getLocalMember().getAddress().toString())
                .put("memberId", localId);
        JsonArray list = new JsonArray();
        hazelcast.getCluster().getMembers().forEach(m -> list.add(m.getAddress().toString()));
        out.put("members", list);
        out.put("partitions", hazelcast.getPartitionService().getPartitions().size());
        out.put("partitionsOwned", ownedPartitions());
        JsonArray units = new JsonArray();
        JsonArray groupNames = new JsonArray();
        for (Integer unit : owned) {
            units.add(unit);
            groupsOfUnit.getOrDefault(unit, List.of()).forEach(groupNames::add);
        }
        out.put("unitsOwned", units).put("groupsOwned", groupNames).put("pointsOwned", ownedPoints())
                .put("pointsTotal", pointsOfGroup.values().stream().mapToInt(Integer::intValue).sum());
        Instant at = changedAt;
        out.put("ownershipSince", at == null ? null : at.toString());
        return out;
    }
}
