package io.envmon.ingest.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.Severity;
import io.envmon.ingest.config.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhooksConfigParserTest {

    static final String S1 = "0123456789abcdef0123";
    static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("ENVMON_WEBHOOK_BUREAU_DUTY_SECRET", "duty-secret-0123456789abcdef"),
            Map.entry("ENVMON_WEBHOOK_BUREAU_SMS_SECRET", "sms-secret-0123456789abcdef"),
            Map.entry("ENVMON_WEBHOOK_E001_SECRET", "e001-secret-0123456789abcdef"),
            Map.entry("ENVMON_WEBHOOK_E002_SECRET", "e002-secret-0123456789abcdef"),
            Map.entry("ENVMON_DINGTALK_BUREAU_URL", "https://oapi.dingtalk.com/robot/send?access_token=abc"),
            Map.entry("ENVMON_DINGTALK_BUREAU_SECRET", "SECdingtalk-secret-0123456789"),
            Map.entry("ENVMON_WECOM_WATER_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1"),
            Map.entry("ENVMON_FEISHU_E001_URL", "https://open.feishu.cn/open-apis/bot/v2/hook/h00k"),
            Map.entry("ENVMON_FEISHU_E001_SECRET", "feishu-secret-e001"),
            Map.entry("ENVMON_SMTP_PASSWORD", "smtp-password"));

    final WebhooksConfigParser parser = new WebhooksConfigParser(ENV);

    static String one(String extra) {
        return """
                webhooks:
                  - name: bureau
                    url: https://duty.example.cn/hook
                    secret: %s
                    audience: bureau
                %s""".formatted(S1, extra.indent(4));
    }

    List<String> problems(String yaml) {
        return assertThrows(WebhooksConfigException.class, () -> parser.parse(yaml, "webhooks.yaml")).problems();
    }

    @Test
    void theExampleFileParsesWithSecretsFromTheEnvironment() throws Exception {
        WebhooksConfig config = parser.parse(Files.readString(Path.of("..", "config", "webhooks.example.yaml")),
                "config/webhooks.example.yaml");

        assertEquals(9, config.webhooks().size());
        WebhookConfig duty = config.webhooks().get(0);
        assertEquals("bureau-duty", duty.name());
        assertEquals("duty-secret-0123456789abcdef", duty.secret());
        assertEquals(new WebhookAudience.Bureau(), duty.audience());
        assertEquals(15, duty.maxAttempts());
        assertEquals(Severity.MAJOR, config.webhooks().get(1).minSeverity());
        assertEquals(Duration.ofSeconds(3), config.webhooks().get(1).timeout());
        WebhookConfig e001 = config.webhooks().get(2);
        assertEquals(new WebhookAudience.Enterprise("E001"), e001.audience());
        assertEquals("e001-secret-0123456789abcdef", e001.secret());
        assertEquals(Duration.ofSeconds(10), e001.timeout());
        assertEquals(WebhookConfig.DEFAULT_TIMEOUT, config.webhooks().get(3).timeout());
        assertEquals(10_000, config.queueCapacity());
        assertEquals(Duration.ofMinutes(5), config.backoffMax());
        assertEquals(List.of(), config.enterpriseProblems(Set.of("E001", "E002")));
    }

    @Test
    void defaultsApplyToWhatIsLeftOut() {
        WebhooksConfig config = parser.parse(one(""), "webhooks.yaml");

        WebhookConfig w = config.webhooks().get(0);
        assertEquals(URI.create("https://duty.example.cn/hook"), w.url());
        assertEquals(Severity.INFO, w.minSeverity());
        assertEquals(Set.of("air", "water", "enterprise", "system"), w.kinds(), "system: envmon's own alerts");
        assertEquals(Duration.ofSeconds(5), w.timeout());
        assertEquals(8, w.maxAttempts());
        assertEquals(WebhooksConfig.DEFAULT_QUEUE_CAPACITY, config.queueCapacity());
        assertEquals(WebhooksConfig.DEFAULT_DELIVERY_LOG_SIZE, config.deliveryLogSize());
        assertEquals(Duration.ofSeconds(1), config.backoffInitial());
    }

    @Test
    void anEmptyFileMeansNoWebhooks() {
        assertEquals(List.of(), parser.parse("", "webhooks.yaml").webhooks());
        assertEquals(List.of(), parser.parse("webhooks: []\n", "webhooks.yaml").webhooks());
    }

    @Test
    void secretEnvIsReadFromTheGivenEnvironmentMap() {
        String yaml = """
                webhooks:
                  - name: e001
                    url: http://127.0.0.1:9000/hook
                    secretEnv: HOOK_E001
                    audience:
                      enterprise: E001
                """;
        WebhookConfig w = new WebhooksConfigParser(Map.of("HOOK_E001", "from-the-environment-1234"))
                .parse(yaml, "webhooks.yaml").webhooks().get(0);
        assertEquals("from-the-environment-1234", w.secret());
        assertEquals(new WebhookAudience.Enterprise("E001"), w.audience());

        List<String> unset = assertThrows(WebhooksConfigException.class,
                () -> new WebhooksConfigParser(Map.of()).parse(yaml, "webhooks.yaml")).problems();
        assertEquals(List.of("webhooks webhooks.yaml: webhooks[0].secretEnv: environment variable HOOK_E001 is not set"),
                unset);
        List<String> tooShort = assertThrows(WebhooksConfigException.class,
                () -> new WebhooksConfigParser(Map.of("HOOK_E001", "short")).parse(yaml, "x")).problems();
        assertEquals(List.of("webhooks x: webhooks[0].secretEnv: the value of HOOK_E001 is shorter than 16 characters"),
                tooShort);
        assertFalse(tooShort.get(0).contains("short\""), "the value itself is never echoed");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            url: ftp://duty.example.cn/x                     | webhooks[2].url: not an http(s) URL
            url: duty.example.cn/hook                        | webhooks[2].url: not an http(s) URL
            url: null                                        | webhooks[2].url: missing (give url or urlEnv)
            name: bad name                                   | webhooks[2].name: 'bad name' must be 1–64 of A-Z a-z 0-9 _ . - (it is a metric tag)
            name: a                                          | webhooks[2].name: 'a' is already used by webhooks[0]
            secret: null                                     | webhooks[2].secret: missing (give secret or secretEnv)
            secret: tooshort                                 | webhooks[2].secret: shorter than 16 characters
            secretEnv: DUTY                                  | webhooks[2].secretEnv: give secret or secretEnv, not both
            audience: everyone                               | webhooks[2].audience: expected 'bureau' or 'enterprise: <enterprise ID>'
            audience: {site: E001}                           | webhooks[2].audience: expected 'bureau' or 'enterprise: <enterprise ID>'
            audience: null                                   | webhooks[2].audience: missing (bureau, or enterprise: <enterprise ID>)
            audience: {enterprise: " "}                      | webhooks[2].audience.enterprise: expected a non-empty string
            minSeverity: severe                              | webhooks[2].minSeverity: 'severe' is not one of info, warning, major, critical
            kinds: [air, soil]                               | webhooks[2].kinds: 'soil' is not one of air, water, enterprise, system
            kinds: []                                        | webhooks[2].kinds: expected a non-empty list of air, water, enterprise, system
            timeout: 5 sec                                   | webhooks[2].timeout: '5 sec' is not a duration (e.g. 500ms, 5s, 2m, 1h)
            timeout: 10m                                     | webhooks[2].timeout: '10m' is outside 100ms–5m
            maxAttempts: 0                                   | webhooks[2].maxAttempts: '0' is not a whole number from 1 to 100
            maxAttempts: many                                | webhooks[2].maxAttempts: 'many' is not a whole number from 1 to 100
            retries: 3                                       | webhooks[2].retries: unknown key for type webhook (expected one of audience, kinds, maxAttempts, maxPerMinute, minSeverity, name, secret, secretEnv, sites, timeout, type, url, urlEnv)
            """)
    void eachProblemNamesItsKey(String override, String expected) {
        String key = override.substring(0, override.indexOf(':'));
        String value = override.substring(override.indexOf(':') + 1).trim();
        StringBuilder third = new StringBuilder("  - ");
        Map<String, String> base = new java.util.LinkedHashMap<>(Map.of("name", "c",
                "url", "https://c.example.cn/hook", "secret", S1, "audience", "bureau"));
        if (key.equals("secretEnv")) {
            base.put("secretEnv", value);
        } else {
            base.put(key, value);
        }
        base.forEach((k, v) -> {
            if (!v.equals("null")) {
                third.append(k).append(": ").append(v.isEmpty() ? "''" : v).append("\n    ");
            }
        });
        String yaml = """
                webhooks:
                  - {name: a, url: "https://a.example.cn/", secret: %s, audience: bureau}
                  - {name: b, url: "https://b.example.cn/", secret: %s, audience: {enterprise: E001}}
                %s
                """.formatted(S1, S1, third.toString().stripTrailing());
        assertEquals(List.of("webhooks webhooks.yaml: " + expected), problems(yaml), yaml);
    }

    @Test
    void anEnterpriseWebhookCannotAskForOtherKinds() {
        String yaml = """
                webhooks:
                  - name: e001
                    url: https://e001.example.com/hook
                    secret: %s
                    audience: {enterprise: E001}
                    kinds: [enterprise, air]
                """.formatted(S1);
        assertEquals(List.of("webhooks webhooks.yaml: webhooks[0].kinds: an enterprise webhook receives enterprise "
                + "events only: leave kinds out or write [enterprise]"), problems(yaml));
    }

    @Test
    void topLevelSettingsAreValidatedAndAllProblemsReportedAtOnce() {
        String yaml = """
                queueCapacity: 0
                backoff: {initial: 2s, max: 1s}
                retry: yes
                webhooks:
                  - {name: a, url: "gopher://a.example.cn/", secret: %s, audience: bureau}
                """.formatted(S1);
        List<String> problems = problems(yaml);
        assertEquals(List.of(
                "webhooks webhooks.yaml: retry: unknown key (expected one of backoff, deliveryLogSize, queueCapacity, "
                        + "systemAlerts, webhooks)",
                "webhooks webhooks.yaml: queueCapacity: '0' is not a whole number from 1 to 1000000",
                "webhooks webhooks.yaml: backoff.max: must be at least backoff.initial (2s)"), problems.subList(0, 3));
        assertEquals("webhooks webhooks.yaml: webhooks[0].url: not an http(s) URL", problems.get(3));
        assertEquals(4, problems.size());
        ConfigException asConfig = assertThrows(ConfigException.class, () -> parser.parse(yaml, "webhooks.yaml"));
        assertTrue(asConfig.getMessage().startsWith("invalid configuration:"), asConfig.getMessage());
    }

    @Test
    void notYamlOrNotAMapping() {
        assertTrue(problems("webhooks: [").get(0).startsWith("webhooks webhooks.yaml: not valid YAML"));
        assertEquals(List.of("webhooks webhooks.yaml: expected a mapping with backoff, deliveryLogSize, queueCapacity, "
                + "systemAlerts, webhooks"), problems("- a\n- b\n"));
        assertTrue(problems("webhooks: []\nwebhooks: []\n").get(0).contains("not valid YAML"),
                "duplicate keys are refused");
    }

    @Test
    void enterpriseIdsCanBeCheckedAgainstTheRegistry() {
        String yaml = """
                webhooks:
                  - {name: a, url: "https://a.example.cn/", secret: %s, audience: bureau}
                  - {name: b, url: "https://b.example.cn/", secret: %s, audience: {enterprise: E099}}
                """.formatted(S1, S1);
        assertEquals(List.of("webhooks[1].audience.enterprise: 'E099' is not an enterprise of the registry"),
                parser.parse(yaml, "x").enterpriseProblems(Set.of("E001", "E002")));
    }

    @Test
    void theSecretIsNeverInToString() {
        WebhookConfig w = WebhookConfig.of("e001", URI.create("https://u:p@e001.example.com/hook?token=abc"),
                "very-secret-value-123456", new WebhookAudience.Enterprise("E001"));
        String text = w.toString() + parser.parse(one(""), "x");
        assertFalse(text.contains("very-secret-value") || text.contains(S1) || text.contains("token=abc")
                || text.contains("u:p"), text);
    }
}
