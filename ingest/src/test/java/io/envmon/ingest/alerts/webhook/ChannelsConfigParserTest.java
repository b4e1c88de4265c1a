package io.envmon.ingest.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.alerts.system.SystemAlertsConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The channel types of the webhooks file: robots and e-mail, their keys, defaults and mistakes. */
class ChannelsConfigParserTest {

    final WebhooksConfigParser parser = new WebhooksConfigParser(WebhooksConfigParserTest.ENV);

    List<String> problems(String yaml) {
        return assertThrows(WebhooksConfigException.class, () -> parser.parse(yaml, "w.yaml")).problems();
    }

    @Test
    void theExampleFileHasEveryTypeWithItsPlatformLimits() throws Exception {
        WebhooksConfig config = parser.parse(Files.readString(Path.of("..", "config", "webhooks.example.yaml")),
                "config/webhooks.example.yaml");
        WebhookConfig ding = config.webhooks().get(4);
        assertEquals("dingtalk", ding.type());
        assertEquals(URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc"), ding.url());
        assertEquals("SECdingtalk-secret-0123456789", ding.secret());
        assertEquals("20/1m", ding.rateLimit().toString());
        assertEquals(Set.of("air", "water", "enterprise", "system"), ding.kinds());
        WebhookConfig wecom = config.webhooks().get(5);
        assertEquals(Duration.ofMinutes(10), wecom.digest());
        assertNull(wecom.secret());
        WebhookConfig feishu = config.webhooks().get(6);
        assertEquals("100/1m, 5/1s", feishu.rateLimit().toString());
        assertEquals(new WebhookAudience.Enterprise("E001"), feishu.audience());
        ChannelTarget.Email mail = (ChannelTarget.Email) config.webhooks().get(7).target();
        assertEquals(new ChannelTarget.Smtp("smtp.taigu-epb.example.cn", 587, ChannelTarget.SmtpSecurity.STARTTLS,
                "envmon-alerts", "smtp-password", null), mail.smtp());
        assertEquals(List.of("duty@taigu-epb.example.cn"), mail.to());
        assertEquals("[envmon]", mail.subjectPrefix());
        assertEquals(Duration.ofSeconds(30), config.webhooks().get(7).timeout(), "SMTP sessions get longer");
        assertEquals(Duration.ofHours(1), config.webhooks().get(8).digest());
        assertEquals(SystemAlertsConfig.defaults(), config.systemAlerts());
        assertFalse(config.toString().contains("smtp-password") || config.toString().contains("access_token=abc")
                || config.toString().contains("SECdingtalk"), "no secret in " + config);
        assertEquals("bureau-duty (webhook → bureau), bureau-sms (webhook → bureau), E001-ehs (webhook → enterprise "
                + "E001), E002-ehs (webhook → enterprise E002), bureau-dingtalk (dingtalk → bureau), bureau-water-wecom "
                + "(wecom → bureau, digest 10m), E001-feishu (feishu → enterprise E001), bureau-duty-mail (email → "
                + "bureau), bureau-chief-digest (email → bureau, digest 1h)", config.summary());
    }

    @Test
    void robotsNeedNoSecretAndTakeTheirUrlFromTheEnvironment() {
        WebhooksConfig c = parser.parse("""
                webhooks:
                  - {name: d, type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=x", audience: bureau,
                     maxPerMinute: 10, sites: [TG-A01, XYH-02]}
                  - {name: w, type: wecom, urlEnv: ENVMON_WECOM_WATER_URL, audience: bureau}
                """, "w.yaml");
        assertNull(c.webhooks().get(0).secret());
        assertEquals("10/1m", c.webhooks().get(0).rateLimit().toString());
        assertEquals(Set.of("TG-A01", "XYH-02"), c.webhooks().get(0).sites());
        assertEquals(URI.create("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1"), c.webhooks().get(1).url());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {name: x, type: telegram, url: "https://t/", audience: bureau}                 | webhooks[0].type: 'telegram' is not one of webhook, dingtalk, wecom, feishu, email
            {name: x, type: wecom, url: "https://q/?key=k", secret: abcdefabcdefabcdef, audience: bureau} | webhooks[0].secret: unknown key for type wecom (expected one of audience, digest, kinds, maxAttempts, maxPerMinute, minSeverity, name, sites, timeout, type, url, urlEnv)
            {name: x, url: "https://a/", secret: 0123456789abcdef01, audience: bureau, digest: 5m} | webhooks[0].digest: unknown key for type webhook (expected one of audience, kinds, maxAttempts, maxPerMinute, minSeverity, name, secret, secretEnv, sites, timeout, type, url, urlEnv)
            {name: x, type: dingtalk, urlEnv: NOT_SET, audience: bureau}                   | webhooks[0].urlEnv: environment variable NOT_SET is not set
            {name: x, type: dingtalk, url: "https://a/", urlEnv: ENVMON_WECOM_WATER_URL, audience: bureau} | webhooks[0].urlEnv: give url or urlEnv, not both
            {name: x, type: feishu, url: "https://a/", audience: bureau, digest: 1s}      | webhooks[0].digest: '1s' is outside 10s–1d
            {name: x, type: feishu, url: "https://a/", audience: {enterprise: E001}, sites: [E002]} | webhooks[0].sites: an enterprise channel receives only its own events (site E001): leave sites out
            {name: x, type: email, smtp: {host: h}, from: envmon, to: [a@b.cn], audience: bureau} | webhooks[0].from: 'envmon' is not an e-mail address (name@domain)
            {name: x, type: email, smtp: {host: h}, from: e@b.cn, to: [], audience: bureau} | webhooks[0].to: expected an address or a non-empty list of addresses
            {name: x, type: email, smtp: {host: h, security: ssl}, from: e@b.cn, to: a@b.cn, audience: bureau} | webhooks[0].smtp.security: 'ssl' is not one of starttls, tls, none
            {name: x, type: email, smtp: {host: h, passwordEnv: ENVMON_SMTP_PASSWORD}, from: e@b.cn, to: a@b.cn, audience: bureau} | webhooks[0].smtp.username: missing (a password needs a user name)
            {name: x, type: email, smtp: {host: h, username: u}, from: e@b.cn, to: a@b.cn, audience: bureau} | webhooks[0].smtp.password: missing (give password or passwordEnv)
            {name: x, type: email, smtp: {host: h, caFile: /nonexistent.pem}, from: e@b.cn, to: a@b.cn, audience: bureau} | webhooks[0].smtp.caFile: '/nonexistent.pem' is not a readable file
            """)
    void eachMistakeNamesItsKey(String channel, String expected) {
        assertEquals(List.of("webhooks w.yaml: " + expected), problems("webhooks:\n  - " + channel + "\n"));
    }

    @Test
    void systemAlertsAreValidated() {
        assertEquals(List.of(
                "webhooks w.yaml: systemAlerts.lag: unknown key (expected one of checkEvery, enabled, engineLagFor, "
                        + "influxDownFor, queuedReadings)",
                "webhooks w.yaml: systemAlerts.enabled: expected true or false",
                "webhooks w.yaml: systemAlerts.queuedReadings: '0' is not a whole number from 1 to 100000000"),
                problems("systemAlerts: {enabled: sometimes, queuedReadings: 0, lag: 5m}\n"));
        SystemAlertsConfig c = parser.parse("systemAlerts: {enabled: false, influxDownFor: 30s}\n", "w.yaml")
                .systemAlerts();
        assertFalse(c.enabled());
        assertEquals(Duration.ofSeconds(30), c.influxDownFor());
        assertTrue(parser.parse("", "w.yaml").systemAlerts().enabled());
    }
}
