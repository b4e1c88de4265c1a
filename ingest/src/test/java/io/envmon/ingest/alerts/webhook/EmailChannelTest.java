package io.envmon.ingest.alerts.webhook;

import static io.envmon.ingest.alerts.webhook.WebhookEvents.air;
import static io.envmon.ingest.alerts.webhook.WebhookEvents.enterprise;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.webhook.ChannelTarget.Smtp;
import io.envmon.ingest.alerts.webhook.ChannelTarget.SmtpSecurity;
import io.envmon.ingest.alerts.webhook.WebhookAudience.Bureau;
import io.envmon.testkit.SmtpServer;
import io.envmon.testkit.SmtpServer.Mail;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The e-mail channel against a real SMTP server on loopback (aiosmtpd): STARTTLS, TLS, AUTH, digests, refusals. */
class EmailChannelTest {

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    WebhookAlertNotifier notifier;
    SmtpServer smtp;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        vertx.close().await();
        if (smtp != null) {
            smtp.close();
        }
    }

    WebhookConfig email(String name, SmtpSecurity security, String user, String password, Path ca) {
        return WebhookConfig.of(name, new ChannelTarget.Email(new Smtp(smtp.host(), smtp.port(), security, user,
                password, ca), "envmon@taigu-epb.example.cn", List.of("duty@taigu-epb.example.cn",
                "chief@taigu-epb.example.cn"), "[envmon]"), new Bureau()).withTimeout(Duration.ofSeconds(20));
    }

    void notifier(WebhookConfig channel) {
        notifier = new WebhookAlertNotifier(vertx, WebhooksConfig.of(List.of(channel))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)), Clock.systemUTC(), meters);
    }

    List<String> outcomes() {
        return notifier.recentDeliveries().stream().map(r -> r.eventId() + ":" + r.outcome()).toList();
    }

    @Test
    void oneMessagePerEventOverStartTlsWithLogin() {
        smtp = new SmtpServer().withStartTls().withLogin("envmon-alerts", "smtp-password-123").start();
        notifier(email("duty-mail", SmtpSecurity.STARTTLS, "envmon-alerts", "smtp-password-123", smtp.certificate()));

        notifier.deliver(enterprise("a-e001", "E001"));

        Mail mail = smtp.awaitMessages(1, Duration.ofSeconds(60)).get(0);
        assertTrue(mail.tls(), "STARTTLS was used");
        assertEquals("envmon-alerts", mail.authLogin());
        assertEquals("envmon@taigu-epb.example.cn", mail.mailFrom());
        assertEquals(List.of("duty@taigu-epb.example.cn", "chief@taigu-epb.example.cn"), mail.rcptTos());
        assertEquals("[envmon] [严重 critical] 新告警 open · E001/DA01 · permit_limit", mail.subject());
        assertTrue(mail.text().startsWith("SO2 超标 / SO2 over the permit limit\n"), mail.text());
        assertTrue(mail.text().contains("数值 value: 412.5 mg/m³（阈值 threshold 400 mg/m³） · 1h"), mail.text());
        assertEquals("a-e001", mail.header("X-Envmon-Event-Id"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> outcomes().equals(List.of("a-e001:delivered")));
    }

    @Test
    void aDigestPerIntervalOverTls() {
        smtp = new SmtpServer().withTls().start();
        notifier(email("digest-mail", SmtpSecurity.TLS, null, null, smtp.certificate())
                .withDigest(Duration.ofMillis(500)));

        notifier.deliver(air("a-1", "TG-A01", Severity.WARNING));
        notifier.deliver(air("a-2", "TG-A02", Severity.CRITICAL));
        notifier.deliver(enterprise("a-3", "E002"));

        Mail mail = smtp.awaitMessages(1, Duration.ofSeconds(60)).get(0);
        assertTrue(mail.tls());
        assertNull(mail.authLogin());
        assertEquals("[envmon] envmon 3 条告警事件 / 3 alert events（最高 highest: 严重 critical）", mail.subject());
        assertTrue(mail.text().contains("[警告 warning] 新告警 open · TG-A01 · pm25_1h_aqi")
                && mail.text().contains("E002/DA01"), mail.text());
        await().atMost(10, TimeUnit.SECONDS).until(() -> outcomes().size() == 3);
        assertEquals(1, smtp.messages().size(), "one mail for the interval");
    }

    @Test
    void aWrongPasswordIsARefusalNotRetried() {
        smtp = new SmtpServer().withStartTls().withLogin("envmon-alerts", "smtp-password-123").start();
        notifier(email("duty-mail", SmtpSecurity.STARTTLS, "envmon-alerts", "not-the-password", smtp.certificate()));

        notifier.deliver(enterprise("a-e001", "E001"));

        await().atMost(60, TimeUnit.SECONDS).until(() -> outcomes().equals(List.of("a-e001:failed")));
        String error = notifier.recentDeliveries().get(0).error();
        assertTrue(error.startsWith("SMTP 535") && error.contains("check the channel's SMTP user name and password"),
                error);
        assertEquals(List.of(), smtp.messages());
    }

    @Test
    void anUntrustedCertificateIsNotAccepted() {
        smtp = new SmtpServer().withStartTls().start();
        notifier(email("duty-mail", SmtpSecurity.STARTTLS, null, null, null).withMaxAttempts(2));

        notifier.deliver(enterprise("a-e001", "E001"));

        await().atMost(60, TimeUnit.SECONDS).until(() -> outcomes().equals(List.of("a-e001:retried",
                "a-e001:dropped")));
        assertEquals(List.of(), smtp.messages(), "nothing sent to a server whose certificate is not trusted");
    }
}
