package io.envmon.hj212;

import java.time.Instant;
import java.util.List;

/** What {@link SplitReassembler#accept} did with a packet. */
public sealed interface Reassembly permits Reassembly.Complete, Reassembly.Pending, Reassembly.Rejected {

    /**
     * The message is whole.
     *
     * @param message the merged frame: header of PNO 1, no PNUM/PNO, Flag bit D cleared, data regions merged
     * @param packets the packets in PNO order; with Flag bit A each one is answered with its own QN (hj212.md §1.5)
     */
    record Complete(Hj212Frame message, List<Hj212Frame> packets) implements Reassembly {
        public Complete {
            packets = List.copyOf(packets);
        }
    }

    /** More packets are awaited. */
    record Pending(SplitKey key, int received, int total) implements Reassembly {
    }

    /** The packet cannot belong to a message (its PNUM disagrees with the others', or PNUM is over the limit). */
    record Rejected(Hj212Frame packet, String reason) implements Reassembly {
    }

    /** The identity of a split message (hj212.md §1.5 proposal): each packet has its own QN but repeats DataTime. */
    record SplitKey(String mn, String cn, String dataTime) {
    }

    /**
     * A message that was never completed, for dead-lettering its packets.
     *
     * @param reason {@code timeout}, or {@code evicted} when too many messages were pending
     */
    record Incomplete(SplitKey key, int total, List<Hj212Frame> packets, Instant lastSeen, String reason) {
        public Incomplete {
            packets = List.copyOf(packets);
        }
    }
}
