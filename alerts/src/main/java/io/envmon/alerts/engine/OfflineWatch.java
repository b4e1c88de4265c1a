package io.envmon.alerts.engine;

import io.envmon.alerts.config.OfflineConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.lifecycle.AlertBook;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.rules.Labels;
import io.envmon.alerts.rules.SiteInfo;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rule {@code offline}, the one rule that depends on the wall clock: a point is offline when no reading of it has
 * arrived (arrival time, the {@code now} of the calls) for more than {@code multiple} × its expected interval
 * (registry {@code expectedIntervalSeconds}, else the point type's default, 60 s): 3 min by default. The alert's
 * {@code startedAt} is the event time of the point's newest reading (so a restart finds the same ID), or, for a
 * point never heard from, the engine's first tick. Any new reading resolves it; its events are stamped with the
 * wall-clock {@code now}.
 */
final class OfflineWatch {

    static final String ID = "offline";

    private final AlertBook book;
    /** Every point's key, asked for at every tick and on every late reading. */
    private final Map<MonitoredPoint, AlertKey> keys = new HashMap<>();

    OfflineWatch(AlertBook book) {
        this.book = book;
    }

    static AlertKey key(MonitoredPoint p) {
        return new AlertKey(p.kind().topicSegment(), p.site(), p.outlet(), ID, null);
    }

    private AlertKey keyOf(MonitoredPoint p) {
        return keys.computeIfAbsent(p, OfflineWatch::key);
    }

    /** Opens the point's offline alert if it is overdue and none is open. */
    Optional<AlertEvent> check(SiteInfo site, OfflineConfig cfg, PointState state, Instant firstTick, Instant now) {
        AlertKey key = keyOf(site.point());
        if (!cfg.enabled() || book.openAlert(key).isPresent()) {
            return Optional.empty();
        }
        long thresholdMillis = Math.round(site.interval().toMillis() * cfg.multiple());
        boolean heard = state != null && state.lastArrival != null;
        Instant silentSince = heard ? state.lastArrival : firstTick;
        if (silentSince == null || (!heard && !cfg.includeNeverReported())
                || now.toEpochMilli() - silentSince.toEpochMilli() <= thresholdMillis) {
            return Optional.empty(); // every point at every tick: no allocation on this path
        }
        Duration threshold = Duration.ofMillis(thresholdMillis);
        Duration silence = Duration.between(silentSince, now);
        double silentMinutes = minutes(silence);
        Instant startedAt = heard ? state.watermark : firstTick;
        String zhSite = Labels.zhSite(site);
        String enSite = Labels.enSite(site);
        String zhRule = "预期间隔 " + Labels.zhDuration(site.interval()) + "，阈值 " + Labels.zhDuration(threshold);
        String enRule = "expected every " + Labels.enDuration(site.interval()) + ", threshold "
                + Labels.enDuration(threshold);
        BilingualText text = heard
                ? new BilingualText(zhSite + " 已 " + Labels.num(silentMinutes) + " 分钟未收到数据（最新数据 北京时间 "
                        + Labels.time(state.watermark) + "；" + zhRule + "）",
                        enSite + " silent for " + Labels.num(silentMinutes) + " min (newest reading "
                                + Labels.enAt(state.watermark) + "; " + enRule + ")")
                : new BilingualText(zhSite + " 自 " + Labels.zhAt(firstTick) + "起未收到任何数据（" + zhRule + "）",
                        enSite + " has sent nothing since " + Labels.enAt(firstTick) + " (" + enRule + ")");
        return Optional.of(book.open(key, startedAt, cfg.severity(), silentMinutes, minutes(threshold), "min",
                "instant", now, text));
    }

    /** Resolves the point's offline alert, if open, because a reading stamped {@code ts} arrived at {@code now}. */
    Optional<AlertEvent> heard(SiteInfo site, Instant ts, Instant now) {
        AlertKey key = keyOf(site.point());
        if (book.openAlert(key).isEmpty()) {
            return Optional.empty();
        }
        return book.resolve(key, now, null, new BilingualText(
                Labels.zhSite(site) + " 恢复上报（数据时间 北京时间 " + Labels.time(ts) + "）",
                Labels.enSite(site) + " reporting again (reading of " + Labels.enAt(ts) + ")"));
    }

    private static double minutes(Duration d) {
        return Math.round(d.toSeconds() / 6.0) / 10.0;
    }
}
