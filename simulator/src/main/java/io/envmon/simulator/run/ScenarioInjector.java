package io.envmon.simulator.run;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.scenario.ScenarioSet.TimedInjection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out the scenarios' raw messages (bad input) once simulated time reaches them. Each is rendered at send
 * time: {@code {root}} in the topic, {@code {ts}} (simulated) and {@code {future}} (wall clock + 1 day) in the
 * payload, plus padding for oversized payloads.
 */
public final class ScenarioInjector {

    private final List<TimedInjection> pending;
    private final String root;
    private final MonitoredPoint carrier;
    private final LedgerRecorder ledger;
    private int next;

    /**
     * @param carrier the point whose connection carries the injected messages
     * @param ledger  told the expected rejection of each message sent, or {@code null}
     */
    public ScenarioInjector(List<TimedInjection> injections, String root, MonitoredPoint carrier, LedgerRecorder ledger) {
        this.pending = List.copyOf(injections);
        this.root = root;
        this.carrier = carrier;
        this.ledger = ledger;
    }

    /** The messages due at or before simulated time {@code upTo}. */
    public List<OutgoingMessage> due(Instant upTo, Instant wallNow) {
        List<OutgoingMessage> out = new ArrayList<>();
        while (next < pending.size() && !pending.get(next).at().isAfter(upTo)) {
            TimedInjection t = pending.get(next++);
            String topic = t.injection().topic().replace("{root}", root);
            String payload = t.injection().payload()
                    .replace("{ts}", t.at().toString())
                    .replace("{future}", wallNow.plus(Duration.ofDays(1)).toString());
            if (t.injection().padBytes() > 0) {
                payload = pad(payload, t.injection().padBytes());
            }
            if (ledger != null) {
                ledger.injected(t.injection().reason());
            }
            out.add(new OutgoingMessage(carrier, topic, payload.getBytes(StandardCharsets.UTF_8), 0, t.at()));
        }
        return out;
    }

    /** Inserts {@code "pad": "xxx…"} after the opening brace, keeping valid JSON that is simply too big. */
    private static String pad(String payload, int bytes) {
        String field = "\"pad\": \"" + "x".repeat(bytes) + "\", ";
        int brace = payload.indexOf('{');
        return brace < 0 ? payload + "x".repeat(bytes) : payload.substring(0, brace + 1) + field + payload.substring(brace + 1);
    }
}
