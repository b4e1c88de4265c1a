package io.envmon.ingest.health;

/**
 * Whether a dependency is reachable, with a sentence for {@code /health}. Written by one thread, read by the
 * HTTP verticle's: the state is one immutable snapshot behind a volatile reference.
 *
 * <p>{@link #degraded} is up with a warning (the spool holds readings not yet in InfluxDB): {@code /health}
 * shows it as {@code DEGRADED} and still answers 200 (CONTRACT §7: 200 while MQTT and InfluxDB are reachable).
 */
public final class ComponentHealth {

    /** @param degraded up, but not as it should be (only with {@code up}) */
    public record Snapshot(boolean up, String detail, boolean degraded) {

        public Snapshot(boolean up, String detail) {
            this(up, detail, false);
        }

        /** {@code UP}, {@code DEGRADED} or {@code DOWN}, as {@code /health} writes it. */
        public String status() {
            return !up ? "DOWN" : degraded ? "DEGRADED" : "UP";
        }
    }

    private volatile Snapshot snapshot;

    public ComponentHealth(boolean initiallyUp, String initialDetail) {
        this.snapshot = new Snapshot(initiallyUp, initialDetail);
    }

    public void up(String detail) {
        snapshot = new Snapshot(true, detail);
    }

    public void degraded(String detail) {
        snapshot = new Snapshot(true, detail, true);
    }

    public void down(String detail) {
        snapshot = new Snapshot(false, detail);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Up, degraded or not. */
    public boolean isUp() {
        return snapshot.up();
    }
}
