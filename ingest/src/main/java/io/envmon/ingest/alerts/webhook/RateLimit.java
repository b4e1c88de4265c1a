package io.envmon.ingest.alerts.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A sender's documented limit: at most {@code count} requests in any {@code per} (sliding windows, all of them
 * respected). A channel over its limit waits; it never drops for it (docs/webhooks.md, "Sending limits").
 */
public record RateLimit(List<Window> windows) {

    /** No limit (envmon's webhook, e-mail). */
    public static final RateLimit NONE = new RateLimit(List.of());

    public record Window(int count, Duration per) {
        public Window {
            Objects.requireNonNull(per, "per");
            if (count < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("need count >= 1 and a positive period");
            }
        }
    }

    public RateLimit {
        windows = List.copyOf(windows);
    }

    public static RateLimit perMinute(int count) {
        return new RateLimit(List.of(new Window(count, Duration.ofMinutes(1))));
    }

    /**
     * This limit with its per-minute window lowered (or raised) to {@code count}; the other windows are kept but
     * none may allow more than that. For the {@code maxPerMinute} key.
     */
    public RateLimit withPerMinute(int count) {
        List<Window> others = windows.stream().filter(w -> !w.per().equals(Duration.ofMinutes(1)))
                .map(w -> new Window(Math.min(w.count(), count), w.per())).toList();
        return new RateLimit(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                new Window(count, Duration.ofMinutes(1))), others.stream()).toList());
    }

    @Override
    public String toString() {
        if (windows.isEmpty()) {
            return "unlimited";
        }
        return String.join(", ", windows.stream().map(w -> w.count() + "/" + io.envmon.model.Durations.format(w.per()))
                .toList());
    }
}
