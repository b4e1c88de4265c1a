package io.envmon.ingest.alerts.webhook;

import static io.envmon.ingest.alerts.webhook.WebhookEvents.T0;
import static io.envmon.ingest.alerts.webhook.WebhookEvents.enterprise;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Bureau;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Enterprise;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An alert for the bureau only (the integrity rules by default, docs/webhooks.md#who-receives-what) never reaches
 * an enterprise's webhook, not even the enterprise it is about; the bureau's webhooks receive it.
 */
class BureauOnlyDeliveryTest {

    private final Vertx vertx = Vertx.vertx();
    private WebhookTestReceiver receiver;
    private WebhookAlertNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        vertx.close().await();
        if (receiver != null) {
            receiver.close();
        }
    }

    private static AlertEvent integrity(String id, String enterprise) {
        return new AlertEvent(id, "enterprise", enterprise, "DA001", "integrity_parked_under_limit", Severity.WARNING,
                AlertState.OPEN, "so2", 45.1, 50.0, "mg/m³", "12h", T0, T0.plusSeconds(12 * 3600),
                "疑似数据被控制在限值下方 / possibly parked under the limit", null, null);
    }

    @ParameterizedTest(name = "{0} receives {1}'s event, bureau only {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            bureau | E001 | true  | true
            bureau | E001 | false | true
            E001   | E001 | true  | false
            E001   | E001 | false | true
            E002   | E001 | false | false
            E002   | E001 | true  | false
            """)
    void theAudienceRuleKeepsBureauOnlyEventsFromEnterprises(String audience, String site, boolean bureauOnly,
                                                            boolean receives) {
        WebhookAudience a = audience.equals("bureau") ? new Bureau() : new Enterprise(audience);
        WebhookConfig webhook = WebhookConfig.of("w", java.net.URI.create("https://example.invalid/hook"),
                "a-secret-of-enough-length-0123", a);
        assertEquals(receives, a.mayReceive(integrity("x", site), bureauOnly));
        assertEquals(receives, webhook.accepts(integrity("x", site), bureauOnly), "no filter relaxes it");
    }

    @Test
    void aBureauOnlyEventGoesToTheBureauWebhookOnly() throws Exception {
        receiver = new WebhookTestReceiver();
        notifier = new WebhookAlertNotifier(vertx, WebhooksConfig.of(List.of(
                WebhookConfig.of("bureau", receiver.url("/bureau"), "taigu-bureau-secret-0123456789", new Bureau()),
                WebhookConfig.of("e001", receiver.url("/e001"), "e001-enterprise-secret-abcdef",
                        new Enterprise("E001")))).withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)),
                Clock.systemUTC(), new SimpleMeterRegistry());

        notifier.deliver(integrity("parked-e001", "E001"), true);
        notifier.deliver(enterprise("permit-e001", "E001"), false);

        await().atMost(5, TimeUnit.SECONDS).until(() -> receiver.at("/bureau").size() == 2
                && receiver.at("/e001").size() == 1);
        assertEquals(List.of("parked-e001", "permit-e001"), receiver.eventIdsAt("/bureau"));
        assertEquals(List.of("permit-e001"), receiver.eventIdsAt("/e001"), "the integrity alert never reached E001");
    }
}
