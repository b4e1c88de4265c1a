package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import java.util.List;

/**
 * Subject and plain-text body of an alert e-mail (docs/webhooks.md, "Message formats"): one event, or a digest of
 * the events of one interval (at most {@value #MAX_LISTED} listed, then a count).
 */
final class EmailMessages {

    static final int MAX_LISTED = 200;

    private EmailMessages() {
    }

    static String subject(String prefix, List<AlertEvent> events) {
        String text = events.size() == 1 ? AlertText.headline(events.get(0))
                : "envmon " + AlertText.digestHeadline(events);
        return prefix.isEmpty() ? text : prefix + " " + text;
    }

    static String body(List<AlertEvent> events) {
        StringBuilder b = new StringBuilder();
        if (events.size() > 1) {
            b.append(AlertText.digestHeadline(events)).append("\n\n");
        }
        int listed = 0;
        for (AlertEvent e : events) {
            if (listed == MAX_LISTED) {
                b.append("…… 另有 ").append(events.size() - listed).append(" 条，见告警控制台 / ")
                        .append(events.size() - listed).append(" more: see the alert console\n");
                break;
            }
            if (events.size() > 1) {
                b.append(AlertText.mark(e)).append(' ').append(AlertText.headline(e)).append('\n');
            }
            b.append(e.message()).append("\n\n");
            for (String[] f : AlertText.facts(e)) {
                b.append("  ").append(f[0]).append(": ").append(f[1]).append('\n');
            }
            b.append('\n');
            listed++;
        }
        b.append("-- \nenvmon: 自动发送，请勿回复 / sent automatically, do not reply\n");
        return b.toString();
    }
}
