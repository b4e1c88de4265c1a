package io.envmon.hj212;

import io.envmon.hj212.Reassembly.Incomplete;
import io.envmon.hj212.Reassembly.SplitKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reassembles split messages (拆分包, hj212.md §1.5, Appendix C.49/C.50). Packets are grouped by (MN, CN, DataTime)
 * - not by QN, which differs per packet - and accepted in any order; a packet received twice (a resend after a lost
 * 9014) replaces the first copy. A message is complete when PNO 1..PNUM are all there.
 *
 * <p>Why keyed by content rather than per TCP session (as IceCoffee does): MQTT has no session, and a device may
 * reconnect between packets. A frame without DataTime groups under a {@code null} DataTime.
 *
 * <p>Time is passed in: {@link #expire(Instant)} returns the messages with no new packet for {@code timeout}, to
 * be dead-lettered. At most {@code maxPending} messages are held; beyond that the least recently fed one is
 * evicted and returned by the next {@link #expire}. Not thread-safe; use from one context.
 */
public final class SplitReassembler {

    private final Duration timeout;
    private final int maxPending;
    private final int maxPackets;
    private final Map<SplitKey, Group> groups = new LinkedHashMap<>();
    private final List<Incomplete> evicted = new ArrayList<>();

    /**
     * @param timeout    how long a message may go without a new packet
     * @param maxPending messages held at once
     * @param maxPackets the largest PNUM accepted (bounds memory per message)
     */
    public SplitReassembler(Duration timeout, int maxPending, int maxPackets) {
        if (timeout.isNegative() || timeout.isZero() || maxPending < 1 || maxPackets < 1) {
            throw new IllegalArgumentException("timeout, maxPending and maxPackets must be positive");
        }
        this.timeout = timeout;
        this.maxPending = maxPending;
        this.maxPackets = maxPackets;
    }

    /** A frame that is not split is returned at once as {@link Reassembly.Complete}. */
    public Reassembly accept(Hj212Frame packet, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!packet.isSplitPacket()) {
            return new Reassembly.Complete(packet, List.of(packet));
        }
        int total = packet.pnum();
        if (total > maxPackets) {
            return new Reassembly.Rejected(packet, "PNUM " + total + " is over the limit of " + maxPackets);
        }
        SplitKey key = keyOf(packet);
        Group group = groups.get(key);
        if (group == null) {
            if (groups.size() >= maxPending) {
                evictLeastRecent();
            }
            group = new Group(total);
            groups.put(key, group);
        } else if (group.total != total) {
            return new Reassembly.Rejected(packet,
                    "PNUM " + total + " disagrees with PNUM " + group.total + " of the packets received for " + key);
        }
        group.packets.put(packet.pno(), packet);
        group.lastSeen = now;
        if (group.packets.size() < total) {
            return new Reassembly.Pending(key, group.packets.size(), total);
        }
        groups.remove(key);
        List<Hj212Frame> ordered = new ArrayList<>(group.packets.values());
        return new Reassembly.Complete(merge(ordered), ordered);
    }

    /** Removes and returns the messages whose last packet is {@code timeout} old, and any evicted ones. */
    public List<Incomplete> expire(Instant now) {
        List<Incomplete> out = new ArrayList<>(evicted);
        evicted.clear();
        for (Iterator<Map.Entry<SplitKey, Group>> it = groups.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SplitKey, Group> e = it.next();
            if (!now.isBefore(e.getValue().lastSeen.plus(timeout))) {
                out.add(e.getValue().incomplete(e.getKey(), "timeout"));
                it.remove();
            }
        }
        return out;
    }

    /** Messages awaiting packets. */
    public int pending() {
        return groups.size();
    }

    public static SplitKey keyOf(Hj212Frame packet) {
        String dataTime = packet.data().field(DataRegion.DATA_TIME);
        return new SplitKey(packet.mn(), packet.cn(), dataTime == null ? null : dataTime.trim());
    }

    /** One message from its packets in PNO order: PNO 1's header, the CPs joined without repeated DataTimes. */
    static Hj212Frame merge(List<Hj212Frame> packets) {
        Hj212Frame first = packets.get(0);
        List<String> cps = new ArrayList<>();
        List<DataRegion> regions = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            String cp = packets.get(i).cp();
            if (i > 0 && cp.startsWith(DataRegion.DATA_TIME + "=")) {
                int semi = cp.indexOf(';');
                cp = semi < 0 ? "" : cp.substring(semi + 1);
            }
            while (cp.endsWith(";")) {
                cp = cp.substring(0, cp.length() - 1);
            }
            if (!cp.isEmpty()) {
                cps.add(cp);
            }
            regions.add(packets.get(i).data());
        }
        Flag flag = first.flag().present() ? Flag.of(first.flag().value() & ~2) : first.flag();
        return new Hj212Frame(first.qn(), first.st(), first.cn(), first.pw(), first.mn(), flag, null, null,
                first.rf(), first.extraHeader(), String.join(";", cps), DataRegion.merge(regions));
    }

    private void evictLeastRecent() {
        Map.Entry<SplitKey, Group> oldest = null;
        for (Map.Entry<SplitKey, Group> e : groups.entrySet()) {
            if (oldest == null || e.getValue().lastSeen.isBefore(oldest.getValue().lastSeen)) {
                oldest = e;
            }
        }
        if (oldest != null) {
            evicted.add(oldest.getValue().incomplete(oldest.getKey(), "evicted"));
            groups.remove(oldest.getKey());
        }
    }

    private static final class Group {
        final int total;
        final TreeMap<Integer, Hj212Frame> packets = new TreeMap<>();
        Instant lastSeen;

        Group(int total) {
            this.total = total;
        }

        Incomplete incomplete(SplitKey key, String reason) {
            return new Incomplete(key, total, new ArrayList<>(packets.values()), lastSeen, reason);
        }
    }
}
