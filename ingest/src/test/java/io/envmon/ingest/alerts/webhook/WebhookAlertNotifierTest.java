package io.envmon.ingest.alerts.webhook;

import static io.envmon.ingest.alerts.webhook.WebhookEvents.air;
import static io.envmon.ingest.alerts.webhook.WebhookEvents.enterprise;
import static io.envmon.ingest.alerts.webhook.WebhookEvents.water;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Bureau;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Enterprise;
import io.envmon.ingest.alerts.webhook.WebhookTestReceiver.Answer;
import io.envmon.ingest.alerts.webhook.WebhookTestReceiver.Received;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against a real local HTTP server: what is sent, to whom, and what happens when it fails. */
class WebhookAlertNotifierTest {

    static final String SECRET = "taigu-bureau-secret-0123456789";
    static final String E001_SECRET = "e001-enterprise-secret-abcdef";
    static final Duration FAST = Duration.ofMillis(10);

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AlertEventCodec codec = new AlertEventCodec();
    final CountDownLatch release = new CountDownLatch(1);
    WebhookTestReceiver receiver;
    WebhookAlertNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookTestReceiver();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (notifier != null) {
            notifier.close();
        }
        vertx.close().await();
        receiver.close();
    }

    WebhookConfig webhook(String name, WebhookAudience audience) {
        return WebhookConfig.of(name, receiver.url("/" + name), SECRET, audience);
    }

    WebhookAlertNotifier notifier(Clock clock, WebhookConfig... webhooks) {
        return notifier(WebhooksConfig.of(List.of(webhooks)).withBackoff(FAST, Duration.ofMillis(50)), clock);
    }

    WebhookAlertNotifier notifier(WebhooksConfig config, Clock clock) {
        notifier = new WebhookAlertNotifier(vertx, config, clock, meters);
        return notifier;
    }

    double count(String webhook, String outcome) {
        return meters.get("envmon.webhook.deliveries").tag("webhook", webhook).tag("outcome", outcome).counter()
                .count();
    }

    List<String> outcomes(String webhook) {
        return notifier.recentDeliveries().stream().filter(r -> r.webhook().equals(webhook))
                .map(r -> r.eventId() + ":" + r.outcome()).toList();
    }

    static String hmacHex(String secret, String signedText) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signedText.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postsTheCodecJsonSignedWithTheSecretAndTheIdentifyingHeaders() throws Exception {
        Instant now = Instant.parse("2026-11-28T07:00:05Z");
        notifier(Clock.fixed(now, ZoneOffset.UTC), webhook("bureau", new Bureau()));
        AlertEvent event = enterprise("a-e001-so2", "E001");

        notifier.deliver(event);

        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.received.size() == 1);
        Received r = receiver.received.get(0);
        assertEquals(codec.encode(event), r.body(), "the body is exactly the CONTRACT §5 JSON");
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        String timestamp = r.header("X-Envmon-Timestamp");
        assertEquals(String.valueOf(now.getEpochSecond()), timestamp);
        assertEquals("sha256=" + hmacHex(SECRET, timestamp + "." + r.body()), r.header("X-Envmon-Signature"),
                "signature recomputed independently from the secret, timestamp and body");
        assertEquals("a-e001-so2", r.header("X-Envmon-Event-Id"));
        assertEquals(r.deliveryId(), UUID.fromString(r.deliveryId()).toString());
        assertEquals("1", r.header("X-Envmon-Attempt"));
        assertTrue(r.header("User-Agent").startsWith("envmon-webhook"), r.header("User-Agent"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> count("bureau", "delivered") == 1);
        DeliveryRecord record = notifier.recentDeliveries().get(0);
        assertEquals(new DeliveryRecord(now, "bureau", "a-e001-so2", r.deliveryId(), 1, "delivered", 200, null,
                record.took()), record);
        assertEquals(1, meters.get("envmon.webhook.latency").tag("webhook", "bureau").timer().count());
    }

    @Test
    void anEnterpriseWebhookReceivesItsOwnEnterpriseOnlyAndTheBureauEverything() {
        notifier(Clock.systemUTC(), webhook("bureau", new Bureau()),
                WebhookConfig.of("e001", receiver.url("/e001"), E001_SECRET, new Enterprise("E001")),
                webhook("e002", new Enterprise("E002")));
        List<AlertEvent> events = List.of(
                enterprise("own-1", "E001"),
                enterprise("other-e002", "E002"),
                enterprise("prefix-trap", "E0011"),
                enterprise("case-trap", "e001"),
                air("air-station", "TG-A01", Severity.CRITICAL),
                air("air-district", "district", Severity.INFO),
                water("water-section", "TG-W01"),
                enterprise("own-2", "E001", Severity.WARNING, AlertState.RESOLVED),
                enterprise("last-e002", "E002"));

        events.forEach(notifier::deliver);

        // per webhook the order is kept: once the last event arrived everything before it was decided
        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.eventIdsAt("/bureau").size() == events.size()
                && receiver.eventIdsAt("/e001").contains("own-2")
                && receiver.eventIdsAt("/e002").contains("last-e002"));
        assertEquals(events.stream().map(AlertEvent::id).toList(), receiver.eventIdsAt("/bureau"));
        assertEquals(List.of("own-1", "own-2"), receiver.eventIdsAt("/e001"));
        assertEquals(List.of("other-e002", "last-e002"), receiver.eventIdsAt("/e002"));
        for (Received r : receiver.at("/e001")) {
            assertTrue(r.body().contains("\"kind\":\"enterprise\",\"site\":\"E001\""), r.body());
            String ts = r.header("X-Envmon-Timestamp");
            assertTrue(WebhookSignature.verify(E001_SECRET.getBytes(StandardCharsets.UTF_8), Long.parseLong(ts),
                    r.body().getBytes(StandardCharsets.UTF_8), r.header("X-Envmon-Signature")),
                    "signed with the enterprise's own secret");
        }
    }

    @Test
    void minSeverityAndKindsFilterWhatIsSent() {
        WebhookConfig major = webhook("major", new Bureau()).withMinSeverity(Severity.MAJOR);
        WebhookConfig waterOnly = webhook("water", new Bureau()).withKinds(Set.of("water"));
        notifier(Clock.systemUTC(), major, waterOnly);

        notifier.deliver(air("info", "TG-A01", Severity.INFO));
        notifier.deliver(air("warning", "TG-A01", Severity.WARNING));
        notifier.deliver(air("major", "TG-A01", Severity.MAJOR));
        notifier.deliver(water("water-major", "TG-W01"));
        notifier.deliver(air("critical", "TG-A01", Severity.CRITICAL));

        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.eventIdsAt("/major").contains("critical"));
        assertEquals(List.of("major", "water-major", "critical"), receiver.eventIdsAt("/major"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.eventIdsAt("/water").size() == 1);
        assertEquals(List.of("water-major"), receiver.eventIdsAt("/water"));
    }

    @Test
    void a503IsRetriedAfterRetryAfterThenDelivered() {
        receiver.responder = r -> r.header("X-Envmon-Attempt").equals("1")
                ? new Answer(503, java.util.Map.of("Retry-After", "1")) : Answer.of(204);
        // a 10 ms backoff; Retry-After is capped at the backoff's max, 5 min here
        notifier(WebhooksConfig.of(List.of(webhook("bureau", new Bureau()))).withBackoff(FAST, Duration.ofMinutes(5)),
                Clock.systemUTC());

        notifier.deliver(enterprise("a1", "E001"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> count("bureau", "delivered") == 1);
        List<Received> got = receiver.received;
        assertEquals(2, got.size());
        assertEquals(got.get(0).deliveryId(), got.get(1).deliveryId(), "one delivery ID across attempts");
        assertEquals(got.get(0).body(), got.get(1).body());
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(got.get(1).nanos() - got.get(0).nanos());
        assertTrue(waitedMillis >= 900, "Retry-After: 1 honoured over a 10 ms backoff, waited " + waitedMillis);
        assertEquals(List.of("a1:retried", "a1:delivered"), outcomes("bureau"));
        DeliveryRecord retried = notifier.recentDeliveries().get(0);
        assertEquals(503, retried.status());
        assertEquals(1, retried.attempt());
        assertEquals(2, notifier.recentDeliveries().get(1).attempt());
        assertEquals(1, count("bureau", "retried"));
    }

    @Test
    void a400IsNotRetried() {
        receiver.responder = r -> Answer.of(400);
        notifier(Clock.systemUTC(), webhook("bureau", new Bureau()));

        notifier.deliver(enterprise("refused-1", "E001"));
        notifier.deliver(enterprise("refused-2", "E001"));

        // the second is sent only once the first is finished: the first was not tried again
        await().atMost(30, TimeUnit.SECONDS).until(() -> count("bureau", "failed") == 2);
        assertEquals(List.of("refused-1", "refused-2"), receiver.eventIdsAt("/bureau"));
        assertEquals(List.of("refused-1:failed", "refused-2:failed"), outcomes("bureau"));
        assertEquals(400, notifier.recentDeliveries().get(0).status());
        assertEquals(0, count("bureau", "retried"));
    }

    @Test
    void orderIsKeptPerWebhookUnderRetries() {
        // every delivery fails twice (500, then 429) before it succeeds
        ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
        receiver.responder = r -> switch (seen.merge(r.deliveryId(), 1, Integer::sum)) {
            case 1 -> Answer.of(500);
            case 2 -> Answer.of(429);
            default -> Answer.of(200);
        };
        notifier(Clock.systemUTC(), webhook("bureau", new Bureau()));
        AlertEvent open = enterprise("alert-1", "E001", Severity.WARNING, AlertState.OPEN);
        List<AlertEvent> events = new ArrayList<>(List.of(open,
                WebhookEvents.withState(open, AlertState.ESCALATED, Severity.CRITICAL),
                WebhookEvents.withState(open, AlertState.RESOLVED, Severity.CRITICAL)));
        IntStream.range(0, 5).forEach(i -> events.add(enterprise("other-" + i, "E001")));

        events.forEach(notifier::deliver);

        await().atMost(30, TimeUnit.SECONDS).until(() -> count("bureau", "delivered") == events.size());
        List<String> expected = new ArrayList<>();
        for (AlertEvent e : events) {
            String body = codec.encode(e);
            expected.addAll(List.of(body, body, body)); // one request in flight: each event's attempts back to back
        }
        assertEquals(expected, receiver.received.stream().map(Received::body).toList());
    }

    @Test
    void anEventIsDroppedAfterMaxAttemptsAndTheNextOneGoes() {
        receiver.responder = r -> r.eventId().equals("doomed") ? Answer.of(503) : Answer.of(200);
        notifier(Clock.systemUTC(), webhook("bureau", new Bureau()).withMaxAttempts(3));

        notifier.deliver(enterprise("doomed", "E001"));
        notifier.deliver(enterprise("next", "E001"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> count("bureau", "delivered") == 1);
        assertEquals(List.of("doomed", "doomed", "doomed", "next"), receiver.eventIdsAt("/bureau"));
        assertEquals(List.of("doomed:retried", "doomed:retried", "doomed:dropped", "next:delivered"),
                outcomes("bureau"));
        assertEquals(1, count("bureau", "dropped"));
        assertEquals(2, count("bureau", "retried"));
    }

    @Test
    void networkErrorsAreRetriedThenDropped() {
        URI closedPort;
        try (WebhookTestReceiver gone = new WebhookTestReceiver()) {
            closedPort = gone.url("/nobody");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        notifier(Clock.systemUTC(), WebhookConfig.of("gone", closedPort, SECRET, new Bureau()).withMaxAttempts(2));

        notifier.deliver(enterprise("lost", "E001"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> count("gone", "dropped") == 1);
        assertEquals(List.of("lost:retried", "lost:dropped"), outcomes("gone"));
        DeliveryRecord last = notifier.recentDeliveries().get(1);
        assertNull(last.status());
        assertNotNull(last.error());
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() {
        receiver.responder = r -> {
            if (r.header("X-Envmon-Attempt").equals("1")) {
                awaitRelease();
            }
            return Answer.of(200);
        };
        // the first attempt is never answered; a later one that a busy machine answers late is retried as well, so
        // what is asserted is the order of outcomes, not how many the timeout took
        notifier(Clock.systemUTC(), webhook("slow", new Bureau()).withTimeout(Duration.ofSeconds(1)).withMaxAttempts(10));

        notifier.deliver(enterprise("slow-1", "E001"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> count("slow", "delivered") == 1);
        List<String> outcomes = outcomes("slow");
        assertEquals("slow-1:retried", outcomes.get(0), outcomes.toString());
        assertEquals("slow-1:delivered", outcomes.get(outcomes.size() - 1), outcomes.toString());
        assertTrue(outcomes.subList(0, outcomes.size() - 1).stream().allMatch("slow-1:retried"::equals),
                outcomes.toString());
        assertTrue(notifier.recentDeliveries().get(0).error().contains("imeout"),
                notifier.recentDeliveries().get(0).error());
    }

    @Test
    void aFullQueueDropsTheOldestWaitingEvent() {
        receiver.responder = r -> {
            if (r.eventId().equals("e1")) {
                awaitRelease(); // e1 stays in flight while the queue fills
            }
            return Answer.of(200);
        };
        WebhooksConfig config = WebhooksConfig.of(List.of(webhook("bureau", new Bureau())
                        .withTimeout(Duration.ofSeconds(30))))
                .withBackoff(FAST, FAST).withQueueCapacity(3);
        notifier(config, Clock.systemUTC());
        notifier.deliver(enterprise("e1", "E001"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.received.size() == 1);

        List.of("e2", "e3", "e4", "e5", "e6").forEach(id -> notifier.deliver(enterprise(id, "E001")));

        await().atMost(30, TimeUnit.SECONDS).until(() -> count("bureau", "dropped") == 2);
        assertEquals(List.of("e2:dropped", "e3:dropped"), outcomes("bureau"));
        assertEquals(0, notifier.recentDeliveries().get(0).attempt());
        assertEquals(3, meters.get("envmon.webhook.queue").tag("webhook", "bureau").gauge().value());
        release.countDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> count("bureau", "delivered") == 4);
        assertEquals(List.of("e1", "e4", "e5", "e6"), receiver.eventIdsAt("/bureau"));
    }

    @Test
    void closeAbandonsWhatIsWaitingAndDeliversNothingMore() {
        receiver.responder = r -> {
            awaitRelease();
            return Answer.of(200);
        };
        notifier(Clock.systemUTC(), webhook("bureau", new Bureau()).withTimeout(Duration.ofSeconds(30)));
        notifier.deliver(enterprise("in-flight", "E001"));
        notifier.deliver(enterprise("waiting", "E001"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> receiver.received.size() == 1);

        notifier.close();
        notifier.deliver(enterprise("after-close", "E001"));

        assertEquals(2, count("bureau", "dropped"));
        release.countDown();
        assertEquals(List.of("in-flight"), receiver.eventIdsAt("/bureau"));
    }

    private void awaitRelease() {
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
