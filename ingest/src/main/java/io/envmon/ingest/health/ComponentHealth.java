package io.envmon.ingest.health;

/**
 * Whether a dependency is reachable, with a sentence for {@code /health}. Written by one thread, read by the
 * HTTP verticle's: the state is one immutable snapshot behind a volatile reference.
 */
public final class ComponentHealth {

    public record Snapshot(boolean up, String detail) {
    }

    private volatile Snapshot snapshot;

    public ComponentHealth(boolean initiallyUp, String initialDetail) {
        this.snapshot = new Snapshot(initiallyUp, initialDetail);
    }

    public void up(String detail) {
        snapshot = new Snapshot(true, detail);
    }

    public void down(String detail) {
        snapshot = new Snapshot(false, detail);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public boolean isUp() {
        return snapshot.up();
    }
}
