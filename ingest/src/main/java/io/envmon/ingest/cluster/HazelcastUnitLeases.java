package io.envmon.ingest.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.envmon.ingest.alerts.UnitLeases;

/**
 * {@link UnitLeases} in a Hazelcast map, unit → member ID of the instance evaluating it. The map keeps a backup on
 * another member (Hazelcast's default), so a lease outlives the death of the member storing it; a lease whose holder
 * left the cluster is free, so a killed instance never blocks a takeover for longer than Hazelcast takes to declare
 * it dead ({@code ENVMON_CLUSTER_FAILURE_TIMEOUT}).
 */
public final class HazelcastUnitLeases implements UnitLeases {

    static final String MAP = "envmon.cluster.evaluators";

    private final HazelcastInstance hazelcast;
    private final IMap<Integer, String> map;
    private final String me;

    public HazelcastUnitLeases(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.map = hazelcast.getMap(MAP);
        this.me = hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public boolean tryTake(int unit) {
        String holder = map.putIfAbsent(unit, me);
        if (holder == null || holder.equals(me)) {
            return true;
        }
        // compare-and-set: another instance may be taking the same dead holder's lease
        return !live(holder) && map.replace(unit, holder, me);
    }

    @Override
    public void takeOver(int unit) {
        map.set(unit, me);
    }

    @Override
    public void giveUp(int unit) {
        map.remove(unit, me);
    }

    @Override
    public String holder(int unit) {
        String holder = map.get(unit);
        return holder == null ? "nobody" : holder;
    }

    private boolean live(String member) {
        for (Member m : hazelcast.getCluster().getMembers()) {
            if (m.getUuid().toString().equals(member)) {
                return true;
            }
        }
        return false;
    }
}
