package io.envmon.ingest.hj212;

import io.envmon.hj212.mapping.MappingProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HJ 212 meters on {@code /metrics} (docs/hj212.md, "Metrics"). Every label value is registered at start so
 * dashboards see zeros rather than gaps. Thread-safe (Micrometer counters): the MQTT path and the TCP gateway run
 * on different contexts.
 */
public final class Hj212Metrics {

    /** Where a frame came from. */
    public enum Transport {
        MQTT, TCP;

        String label() {
            return name().toLowerCase();
        }
    }

    /** What became of a frame before storage. */
    public enum FrameOutcome {
        /** Parsed, device known: stored (or its content dead-lettered) and answered if asked. */
        ACCEPTED,
        /** CRC mismatch: dead-lettered as bad_frame, no reply (the device resends). */
        BAD_CRC,
        /** Framing or syntax error: dead-lettered as bad_frame, no reply. */
        BAD_FRAME,
        /** MN not in the registry: unknown_site, no reply. */
        UNKNOWN_MN,
        /** PW differs from the registry's: unknown_site, no reply. */
        BAD_PASSWORD,
        /** MQTT payload over the size limit: too_large. */
        TOO_LARGE,
        /** A known device's frame from a sender that may not write for it (topic or connection): unauthorized. */
        UNAUTHORIZED;

        String label() {
            return name().toLowerCase();
        }
    }

    /** Events in the life of a gateway connection. */
    public enum ConnectionEvent {
        ACCEPTED, REFUSED, IDLE_TIMEOUT, CLOSED, REBOUND;

        String label() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> frames = new HashMap<>();
    private final Map<String, Counter> replies = new HashMap<>();
    private final Map<Transport, Counter> undelivered = new EnumMap<>(Transport.class);
    private final Map<ConnectionEvent, Counter> connectionEvents = new EnumMap<>(ConnectionEvent.class);
    private final Map<String, Counter> split = new HashMap<>();
    private final Map<String, Counter> aggregates = new HashMap<>();
    private final Map<MappingProblem.Kind, Counter> problems = new EnumMap<>(MappingProblem.Kind.class);
    private final Counter unmappedCodes;
    private final Counter warnings;

    public Hj212Metrics(MeterRegistry registry) {
        this.registry = registry;
        for (Transport t : Transport.values()) {
            for (FrameOutcome o : FrameOutcome.values()) {
                frames.put(t.label() + "/" + o.label(), Counter.builder("envmon.hj212.frames")
                        .tag("transport", t.label()).tag("outcome", o.label())
                        .description("HJ 212 frames received, by transport and what became of them").register(registry));
            }
            for (String cn : List.of("9013", "9014")) {
                replies.put(t.label() + "/" + cn, Counter.builder("envmon.hj212.replies")
                        .tag("transport", t.label()).tag("cn", cn)
                        .description("HJ 212 replies sent after storage").register(registry));
            }
            undelivered.put(t, Counter.builder("envmon.hj212.replies.undelivered").tag("transport", t.label())
                    .description("Replies that could not be sent (connection gone, publish failed); the device resends")
                    .register(registry));
        }
        for (ConnectionEvent e : ConnectionEvent.values()) {
            connectionEvents.put(e, Counter.builder("envmon.hj212.connection.events").tag("event", e.label())
                    .description("TCP gateway connection events").register(registry));
        }
        for (String result : List.of("complete", "incomplete", "inconsistent")) {
            split.put(result, Counter.builder("envmon.hj212.split.messages").tag("result", result)
                    .description("Split (PNUM/PNO) messages: all packets seen, timed out, or packets that disagree")
                    .register(registry));
        }
        for (String period : List.of("minute", "hour", "day")) {
            aggregates.put(period, Counter.builder("envmon.hj212.aggregates.stored").tag("period", period)
                    .description("Minute, hourly and daily records (CN 2051/2061/2031) written").register(registry));
        }
        for (MappingProblem.Kind k : MappingProblem.Kind.values()) {
            problems.put(k, Counter.builder("envmon.hj212.mapping.problems").tag("kind", k.name().toLowerCase())
                    .description("Codes that could not become part of a reading as sent (kept in hj212_unmapped)")
                    .register(registry));
        }
        unmappedCodes = Counter.builder("envmon.hj212.unmapped.codes")
                .description("Factor codes written to hj212_unmapped").register(registry);
        warnings = Counter.builder("envmon.hj212.lenient.warnings")
                .description("Deviations from the standard tolerated in lenient mode").register(registry);
    }

    public void frame(Transport transport, FrameOutcome outcome) {
        frames.get(transport.label() + "/" + outcome.label()).increment();
    }

    public void reply(Transport transport, String cn) {
        Counter c = replies.get(transport.label() + "/" + cn);
        if (c != null) {
            c.increment();
        }
    }

    public void replyUndelivered(Transport transport) {
        undelivered.get(transport).increment();
    }

    public void connection(ConnectionEvent event) {
        connectionEvents.get(event).increment();
    }

    public void split(String result) {
        split.get(result).increment();
    }

    public void aggregateStored(String period) {
        aggregates.get(period).increment();
    }

    public void problem(MappingProblem.Kind kind) {
        problems.get(kind).increment();
    }

    public void unmapped(int codes) {
        unmappedCodes.increment(codes);
    }

    public void warnings(int count) {
        warnings.increment(count);
    }

    /** {@code envmon_hj212_connections{state}}: the gateway's connections by state, read on scrape. */
    public void connectionsGauge(String state, Supplier<Number> value) {
        Gauge.builder("envmon.hj212.connections", value).tag("state", state)
                .description("TCP gateway connections: open, identified (an MN is bound), paused (back-pressure)")
                .register(registry);
    }

    /** {@code envmon_hj212_pending_frames}: gateway frames being stored (not yet answered). */
    public void pendingGauge(Supplier<Number> value) {
        Gauge.builder("envmon.hj212.pending.frames", value)
                .description("TCP gateway frames taken and not yet stored").register(registry);
    }
}
