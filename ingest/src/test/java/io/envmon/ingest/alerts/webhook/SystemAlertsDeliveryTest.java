package io.envmon.ingest.alerts.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.alerts.system.SystemAlertsConfig;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Bureau;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Enterprise;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** envmon's own alerts reach the bureau's channels through the same notifier, never an enterprise's. */
class SystemAlertsDeliveryTest {

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RobotReceiver receiver = new RobotReceiver(vertx);
    final AtomicInteger influxUp = new AtomicInteger(1);
    WebhookAlertNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        receiver.close();
        vertx.close().await();
    }

    @Test
    void influxDbDownPastTheBoundIsSentToTheBureauOnlyAndResolvedWhenBack() {
        Gauge.builder("envmon.up", influxUp, AtomicInteger::get).tag("component", "influxdb").register(meters);
        WebhookConfig bureau = WebhookConfig.of("bureau", new ChannelTarget.WeCom(receiver.url("/wecom/bureau?key=k")),
                new Bureau());
        WebhookConfig bureauNoSystem = WebhookConfig.of("bureau-air", new ChannelTarget.WeCom(
                receiver.url("/wecom/air?key=k")), new Bureau()).withKinds(Set.of("air", "water", "enterprise"));
        WebhookConfig e001 = WebhookConfig.of("E001", new ChannelTarget.WeCom(receiver.url("/wecom/e001?key=k")),
                new Enterprise("E001"));
        notifier = new WebhookAlertNotifier(vertx, WebhooksConfig.of(List.of(bureau, bureauNoSystem, e001))
                .withSystemAlerts(new SystemAlertsConfig(true, Duration.ofMillis(100), 1000, Duration.ofMinutes(1),
                        Duration.ofMillis(300))), Clock.systemUTC(), meters);

        influxUp.set(0);
        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.at("/wecom/bureau").size() == 1);
        String content = receiver.at("/wecom/bureau").get(0).json().path("markdown").path("content").asText();
        assertTrue(content.startsWith("#### 🔴 [严重 critical] 新告警 open · envmon · influxdb_unreachable"), content);
        assertTrue(content.contains("InfluxDB 无法连接"), content);

        influxUp.set(1);
        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.at("/wecom/bureau").size() == 2);
        assertTrue(receiver.at("/wecom/bureau").get(1).body().contains("已解除 resolved"));
        assertEquals(List.of(), receiver.at("/wecom/e001"), "never to an enterprise");
        assertEquals(List.of(), receiver.at("/wecom/air"), "not to a bureau channel without kind system");
        assertEquals(List.of(), receiver.problems());
        assertTrue(notifier.recentDeliveries().stream().allMatch(r -> r.webhook().equals("bureau")));
    }

    @Test
    void anEnterpriseCannotAskForSystemAlerts() {
        assertEquals(true, AlertEvent.KINDS.contains("system"));
        WebhooksConfigException e = org.junit.jupiter.api.Assertions.assertThrows(WebhooksConfigException.class,
                () -> new WebhooksConfigParser(java.util.Map.of()).parse("""
                        webhooks:
                          - {name: e, type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
                             audience: {enterprise: E001}, kinds: [enterprise, system]}
                        """, "w.yaml"));
        assertEquals(List.of("webhooks w.yaml: webhooks[0].kinds: an enterprise webhook receives enterprise events "
                + "only: leave kinds out or write [enterprise]"), e.problems());
    }
}
