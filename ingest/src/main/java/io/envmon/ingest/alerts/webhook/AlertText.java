package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of an alert for people (chat robots, e-mail): a one-line headline, the event's own bilingual message, and
 * its facts. Times are Beijing time and say so, like the messages (docs/alerts.md); the platforms' markup is added
 * by {@link ChatMessages} and {@link EmailMessages}. Examples of every format: docs/webhooks.md, "Message formats".
 */
final class AlertText {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING);

    private AlertText() {
    }

    /** {@code 严重 critical}. */
    static String severity(Severity s) {
        return switch (s) {
            case INFO -> "提示 info";
            case WARNING -> "警告 warning";
            case MAJOR -> "重要 major";
            case CRITICAL -> "严重 critical";
        };
    }

    /** {@code 新告警 open}; an acknowledged event says so. */
    static String state(AlertEvent e) {
        String state = switch (e.state()) {
            case OPEN -> "新告警 open";
            case ESCALATED -> "升级 escalated";
            case RESOLVED -> "已解除 resolved";
        };
        return e.isAcknowledged() && e.ts().equals(e.acknowledgedAt()) ? "已确认 acknowledged (" + state + ")" : state;
    }

    /** A marker people see at a glance in a chat list: red for new and escalated, green for resolved. */
    static String mark(AlertEvent e) {
        if (e.state() == AlertState.RESOLVED) {
            return "✅";
        }
        return e.severity().compareTo(Severity.MAJOR) >= 0 ? "🔴" : "🟠";
    }

    /** {@code E001/DA001}, {@code TG-A01}. */
    static String where(AlertEvent e) {
        return e.point() == null ? e.site() : e.site() + "/" + e.point();
    }

    /** {@code [严重 critical] 新告警 open · E001/DA001 · permit_limit}: subject lines, robot titles. */
    static String headline(AlertEvent e) {
        return "[" + severity(e.severity()) + "] " + state(e) + " · " + where(e) + " · " + e.rule();
    }

    /** The facts under the message, as label/value lines. */
    static List<String[]> facts(AlertEvent e) {
        List<String[]> facts = new ArrayList<>();
        if (e.value() != null) {
            String unit = e.unit() == null || e.unit().isEmpty() ? "" : " " + e.unit();
            String threshold = e.threshold() == null ? "" : "（阈值 threshold " + number(e.threshold()) + unit + "）";
            facts.add(new String[] {"数值 value", number(e.value()) + unit + threshold
                    + (e.window() == null ? "" : " · " + e.window())});
        }
        facts.add(new String[] {"开始 since", time(e.startedAt())});
        facts.add(new String[] {"时间 at", time(e.ts())});
        if (e.isAcknowledged()) {
            facts.add(new String[] {"确认 acknowledged", e.acknowledgedBy() + " · " + time(e.acknowledgedAt())});
        }
        facts.add(new String[] {"告警 ID", e.id()});
        return facts;
    }

    /** {@code 2026-11-28 00:00 北京时间}. */
    static String time(Instant t) {
        return TIME.format(t) + " 北京时间";
    }

    /** A digest's headline: {@code 3 条告警事件 / 3 alert events (严重 critical 1, …)}. */
    static String digestHeadline(List<AlertEvent> events) {
        Severity worst = events.stream().map(AlertEvent::severity).reduce(Severity.INFO, Severity::max);
        return events.size() + " 条告警事件 / " + events.size() + " alert event" + (events.size() == 1 ? "" : "s")
                + "（最高 highest: " + severity(worst) + "）";
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
