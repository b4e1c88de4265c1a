package io.envmon.ingest.alerts;

/**
 * In a cluster, which instance evaluates each unit right now (docs/scale-out.md#handover). The partition table says
 * which instance <em>should</em>; it changes on every instance within about a second of each other, not at once.
 * A lease says which one <em>does</em>: an instance evaluates a unit only while it holds the unit's lease, and gives
 * it up after its last evaluation, so that the next owner reads the alert events of the previous one before it
 * starts and never opens an alert a second time.
 *
 * <p>Called on the alert runtime's context, a worker: the calls may block briefly.
 */
public interface UnitLeases {

    /**
     * Takes the unit's lease when nobody holds it, this instance does, or its holder has left the cluster.
     *
     * @return false while another live instance still evaluates the unit
     */
    boolean tryTake(int unit);

    /** Takes the lease whoever holds it: the holder kept it too long (it hangs, or its give-up was lost). */
    void takeOver(int unit);

    /** This instance no longer evaluates the unit. */
    void giveUp(int unit);

    /** Who holds the unit's lease, for the log; {@code "nobody"} when none does. */
    String holder(int unit);
}
