package io.envmon.ingest.alerts.system;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The two conditions of envmon's own alerts, judged from samples (pure: the caller supplies the time and the
 * values). A condition opens an alert once it has held for its bound, and resolves it when it no longer holds:
 * <ul>
 *   <li>{@value #ENGINE_LAG}: more than {@code queuedReadings} readings wait for the alert engine (major);</li>
 *   <li>{@value #INFLUX_UNREACHABLE}: InfluxDB does not answer (critical).</li>
 * </ul>
 * Events have kind {@value AlertEvent#SYSTEM_KIND}, site {@value #SITE}; one alert ID per episode.
 */
public final class SystemConditions {

    public static final String SITE = "envmon";
    public static final String ENGINE_LAG = "engine_lag";
    public static final String INFLUX_UNREACHABLE = "influxdb_unreachable";
    private static final DateTimeFormatter BEIJING =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final SystemAlertsConfig config;
    private final Episode lag = new Episode(ENGINE_LAG);
    private final Episode influx = new Episode(INFLUX_UNREACHABLE);

    public SystemConditions(SystemAlertsConfig config) {
        this.config = config;
    }

    /**
     * One look at the service.
     *
     * @param queued   readings waiting for the engine, {@code null} when unknown (not measured yet)
     * @param influxUp whether InfluxDB answers, {@code null} when unknown
     * @return the events this sample causes (opened or resolved alerts), oldest condition first
     */
    public List<AlertEvent> sample(Instant now, Double queued, Boolean influxUp) {
        List<AlertEvent> out = new ArrayList<>();
        if (queued != null) {
            boolean over = queued > config.queuedReadings();
            lag.update(now, over, config.engineLagFor(), queued, out, this::lagEvent);
        }
        if (influxUp != null) {
            influx.update(now, !influxUp, config.influxDownFor(), null, out, this::influxEvent);
        }
        return out;
    }

    private AlertEvent lagEvent(Episode e, Instant now, AlertState state, Double value) {
        long bound = config.queuedReadings();
        String message = state == AlertState.RESOLVED
                ? "告警引擎积压已恢复：待处理读数 " + Math.round(value) + "（阈值 " + bound + "） / alert engine caught up: "
                        + Math.round(value) + " readings waiting (bound " + bound + ")"
                : "告警引擎积压：待处理读数 " + Math.round(value) + "，超过 " + bound + " 已 " + minutes(e, now)
                        + "（自北京时间 " + BEIJING.format(e.since) + "），告警可能滞后 / alert engine lagging: "
                        + Math.round(value) + " readings waiting, over " + bound + " for " + minutesEn(e, now)
                        + " (since " + BEIJING.format(e.since) + " Beijing time); alerts may be late";
        return event(e, now, state, Severity.MAJOR, value, (double) bound, "readings", message);
    }

    private AlertEvent influxEvent(Episode e, Instant now, AlertState state, Double ignored) {
        double down = Duration.between(e.since, now).toMillis() / 1000.0;
        double bound = config.influxDownFor().toMillis() / 1000.0;
        String message = state == AlertState.RESOLVED
                ? "InfluxDB 已恢复连接（中断约 " + minutes(e, now) + "） / InfluxDB reachable again (down for about "
                        + minutesEn(e, now) + ")"
                : "InfluxDB 无法连接已 " + minutes(e, now) + "（自北京时间 " + BEIJING.format(e.since)
                        + "）：读数在 MQTT 代理中排队，未入库，告警暂停 / InfluxDB unreachable for " + minutesEn(e, now)
                        + " (since " + BEIJING.format(e.since) + " Beijing time): readings queue in the broker, "
                        + "nothing is stored, alerts are on hold";
        return event(e, now, state, Severity.CRITICAL, down, bound, "s", message);
    }

    private static AlertEvent event(Episode e, Instant now, AlertState state, Severity severity, Double value,
                                    Double threshold, String unit, String message) {
        return new AlertEvent(e.id, AlertEvent.SYSTEM_KIND, SITE, null, e.rule, severity, state, null, value, threshold,
                unit, "instant", e.since, now, message, null, null);
    }

    private static String minutes(Episode e, Instant now) {
        Duration d = Duration.between(e.since, now);
        return d.toMinutes() < 1 ? d.toSeconds() + " 秒" : d.toMinutes() + " 分钟";
    }

    private static String minutesEn(Episode e, Instant now) {
        Duration d = Duration.between(e.since, now);
        return d.toMinutes() < 1 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }

    /** Event factory of one condition. */
    private interface EventMaker {
        AlertEvent make(Episode e, Instant now, AlertState state, Double value);
    }

    /** One condition's state: since when it holds, and whether its alert is open. */
    private static final class Episode {
        final String rule;
        Instant since;
        boolean open;
        String id;

        Episode(String rule) {
            this.rule = rule;
        }

        void update(Instant now, boolean holds, Duration bound, Double value, List<AlertEvent> out, EventMaker make) {
            if (holds) {
                if (since == null) {
                    since = now;
                    id = UUID.nameUUIDFromBytes(("envmon/system/" + rule + "/" + now).getBytes(StandardCharsets.UTF_8))
                            .toString();
                }
                if (!open && Duration.between(since, now).compareTo(bound) >= 0) {
                    open = true;
                    out.add(make.make(this, now, AlertState.OPEN, value));
                }
            } else if (since != null) {
                if (open) {
                    out.add(make.make(this, now, AlertState.RESOLVED, value));
                }
                since = null;
                open = false;
            }
        }
    }
}
