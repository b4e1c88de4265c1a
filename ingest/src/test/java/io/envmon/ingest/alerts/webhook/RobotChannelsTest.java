package io.envmon.ingest.alerts.webhook;

import static io.envmon.ingest.alerts.webhook.WebhookEvents.air;
import static io.envmon.ingest.alerts.webhook.WebhookEvents.enterprise;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.webhook.RobotReceiver.Received;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Bureau;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Enterprise;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group-robot channels against a receiver that checks each platform's documented shape, signature and limits. */
class RobotChannelsTest {

    static final String DING_SECRET = "SECtaigu-dingtalk-test-secret-0123456789";
    static final String FEISHU_SECRET = "taigu-feishu-test-secret";

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RobotReceiver receiver = new RobotReceiver(vertx);
    WebhookAlertNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        receiver.close();
        vertx.close().await();
    }

    void notifier(WebhookConfig... channels) {
        notifier = new WebhookAlertNotifier(vertx, WebhooksConfig.of(List.of(channels))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)), Clock.systemUTC(), meters);
    }

    List<String> outcomes(String channel) {
        return notifier.recentDeliveries().stream().filter(r -> r.webhook().equals(channel))
                .map(r -> r.eventId() + ":" + r.outcome()).toList();
    }

    @Test
    void dingTalkGetsASignedMarkdownMessagePerEvent() {
        receiver.secret("/dingtalk/bureau", DING_SECRET);
        notifier(WebhookConfig.of("bureau-dingtalk", new ChannelTarget.DingTalk(
                receiver.url("/dingtalk/bureau?access_token=t0ken"), DING_SECRET), new Bureau()));
        AlertEvent e = enterprise("a-e001", "E001");

        notifier.deliver(e);

        await().atMost(30, TimeUnit.SECONDS).until(() -> outcomes("bureau-dingtalk").contains("a-e001:delivered"));
        Received r = receiver.at("/dingtalk/bureau").get(0);
        assertNull(r.problem(), r.body());
        assertEquals("t0ken", r.query().get("access_token"), "the robot's own query is kept");
        JsonNode md = r.json().path("markdown");
        assertEquals("🔴 [严重 critical] 新告警 open · E001/DA01 · permit_limit",
                md.path("title").asText());
        assertTrue(md.path("text").asText().contains("SO2 超标 / SO2 over the permit limit"), md.path("text").asText());
        assertTrue(md.path("text").asText().contains("**数值 value**: 412.5 mg/m³（阈值 threshold 400 mg/m³）"),
                md.path("text").asText());
    }

    @Test
    void aWrongSecretIsARefusalNotRetried() {
        receiver.secret("/dingtalk/e001", "SEC-the-robot-has-another-secret");
        notifier(WebhookConfig.of("E001-dingtalk", new ChannelTarget.DingTalk(
                receiver.url("/dingtalk/e001?access_token=t"), DING_SECRET), new Enterprise("E001")));

        notifier.deliver(enterprise("a-e001", "E001"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> outcomes("E001-dingtalk").contains("a-e001:failed"));
        assertEquals(1, receiver.at("/dingtalk/e001").size());
        String error = notifier.recentDeliveries().get(0).error();
        assertTrue(error.startsWith("errcode 310000: sign not match") && error.contains("check the robot's secret"), error);
    }

    @Test
    void aThrottledRobotIsRetriedNotDropped() {
        notifier(WebhookConfig.of("wecom", new ChannelTarget.WeCom(receiver.url("/wecom/duty?key=k")), new Bureau()));
        List<Received> seen = new ArrayList<>();
        receiver.override = r -> {
            seen.add(r);
            return seen.size() == 1 ? "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}" : null;
        };

        notifier.deliver(air("a-1", "TG-A01", Severity.MAJOR));

        await().atMost(30, TimeUnit.SECONDS).until(() -> outcomes("wecom").contains("a-1:delivered"));
        assertEquals(List.of("a-1:retried", "a-1:delivered"), outcomes("wecom"));
        assertEquals(List.of(), receiver.problems());
    }

    @Test
    void aWeComDigestStaysWithinFourKilobytesAndSaysHowManyMoreThereAre() {
        notifier(WebhookConfig.of("wecom", new ChannelTarget.WeCom(receiver.url("/wecom/digest?key=k")), new Bureau())
                .withDigest(Duration.ofMillis(300)));

        IntStream.range(0, 60).forEach(i -> notifier.deliver(air("a-" + i, "TG-A0" + (i % 9 + 1), Severity.WARNING)));

        await().atMost(30, TimeUnit.SECONDS).until(() -> outcomes("wecom").size() == 60);
        assertEquals(1, receiver.at("/wecom/digest").size(), "one message for the interval");
        String content = receiver.at("/wecom/digest").get(0).json().path("markdown").path("content").asText();
        assertTrue(content.getBytes(StandardCharsets.UTF_8).length <= 4096, content.length() + " characters");
        assertTrue(content.startsWith("### envmon 60 条告警事件 / 60 alert events"), content);
        assertTrue(content.matches("(?s).*…… 另有 \\d+ 条，见告警控制台 / \\d+ more: see the alert console"), content);
        assertEquals(List.of(), receiver.problems());
    }

    @Test
    void feishuGetsSignedPostsAtMostFiveASecond() {
        receiver.secret("/feishu/bureau", FEISHU_SECRET);
        notifier(WebhookConfig.of("feishu", new ChannelTarget.Feishu(receiver.url("/feishu/bureau"), FEISHU_SECRET),
                new Bureau()));

        IntStream.range(0, 12).forEach(i -> notifier.deliver(air("a-" + i, "TG-A01", Severity.MAJOR)));

        await().atMost(60, TimeUnit.SECONDS).until(() -> outcomes("feishu").stream()
                .filter(o -> o.endsWith(":delivered")).count() == 12);
        List<Received> got = receiver.at("/feishu/bureau");
        assertEquals(12, got.size(), "queued, none refused for the limit, none dropped");
        assertEquals(List.of(), receiver.problems());
        for (int i = 5; i < got.size(); i++) {
            assertTrue(got.get(i).nanos() - got.get(i - 5).nanos() >= 1_000_000_000L,
                    "requests " + (i - 5) + " and " + i + " are a second apart: Feishu allows 5 a second");
        }
        JsonNode zh = got.get(0).json().path("content").path("post").path("zh_cn");
        assertTrue(zh.path("title").asText().contains("[重要 major] 新告警 open · TG-A01 · pm25_1h_aqi"));
        assertEquals("PM2.5 中度污染 / PM2.5 moderately polluted", zh.path("content").get(0).get(0).path("text").asText());
        assertTrue(meters.get("envmon.webhook.paced").tag("webhook", "feishu").counter().count() > 0);
    }

    @Test
    void sitesNarrowWhatAChannelGets() {
        notifier(WebhookConfig.of("tg-a01", new ChannelTarget.WeCom(receiver.url("/wecom/a01?key=k")), new Bureau())
                .withSites(Set.of("TG-A01")));

        notifier.deliver(air("other", "TG-A02", Severity.CRITICAL));
        notifier.deliver(air("mine", "TG-A01", Severity.CRITICAL));

        await().atMost(30, TimeUnit.SECONDS).until(() -> outcomes("tg-a01").contains("mine:delivered"));
        assertEquals(List.of("mine:delivered"), outcomes("tg-a01"));
    }
}
