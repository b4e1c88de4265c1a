package io.envmon.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.alerts.webhook.ChannelTarget;
import io.envmon.ingest.alerts.webhook.WebhookAudience;
import io.envmon.ingest.alerts.webhook.WebhooksConfig;
import io.envmon.ingest.alerts.webhook.WebhooksConfigParser;
import io.envmon.ingest.http.api.ApiTokens;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/make-secrets.sh writes what the service reads: its files parse with the service's own parsers, with the
 * variables of its envmon.env, for the bureau and every enterprise of the registry (docs/deployment.md).
 */
class DeploySecretsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    final Registry registry = RegistryFiles.load(ROOT.resolve("config/taigu.yaml"));

    @TempDir
    Path out;

    Map<String, String> run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("deploy/make-secrets.sh").toString(),
                "--out", out.toString(), "--mount", out.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ENVMON_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        Map<String, String> vars = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("envmon.env"))) {
            if (!line.startsWith("#")) {
                vars.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return vars;
    }

    @Test
    void tokensForTheBureauAndEveryEnterpriseAndTheChannelsGiven() throws Exception {
        Map<String, String> vars = run(Map.of(
                "ENVMON_DINGTALK_BUREAU_URL", "https://oapi.dingtalk.com/robot/send?access_token=abc",
                "ENVMON_DINGTALK_BUREAU_SECRET", "SECbureau-dingtalk-0123456789",
                "ENVMON_WECOM_E001_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=e001",
                "ENVMON_SMTP_HOST", "smtp.taigu-epb.example.cn", "ENVMON_SMTP_FROM", "envmon@taigu-epb.example.cn",
                "ENVMON_SMTP_USERNAME", "envmon", "ENVMON_SMTP_PASSWORD", "smtp-password",
                "ENVMON_MAIL_BUREAU_TO", "duty@taigu-epb.example.cn,chief@taigu-epb.example.cn"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("envmon.env"))));
        assertEquals(out.resolve("api-tokens.yaml").toString(), vars.get("ENVMON_API_TOKENS"));
        ApiTokens tokens = ApiTokens.parse(Files.readString(out.resolve("api-tokens.yaml")), "api-tokens.yaml", vars,
                registry);
        assertTrue(tokens.authenticate(vars.get("ENVMON_TOKEN_BUREAU")).orElseThrow().isBureau());
        for (var e : registry.enterprises()) {
            String token = vars.get("ENVMON_TOKEN_" + e.id().toUpperCase().replaceAll("[^A-Z0-9]", "_"));
            assertFalse(tokens.authenticate(token).orElseThrow().isBureau(), e.id() + " has a token of its own");
        }
        assertEquals(registry.enterprises().size() + 1, vars.keySet().stream().filter(k -> k.startsWith("ENVMON_TOKEN_")).count());

        WebhooksConfig channels = new WebhooksConfigParser(vars).parse(Files.readString(Path.of(vars.get("ENVMON_WEBHOOKS"))),
                "webhooks.yaml");
        assertEquals(List.of("bureau-dingtalk", "bureau-mail", "E001-wecom"),
                channels.webhooks().stream().map(w -> w.name()).toList());
        assertEquals("SECbureau-dingtalk-0123456789", channels.webhooks().get(0).secret());
        ChannelTarget.Email mail = (ChannelTarget.Email) channels.webhooks().get(1).target();
        assertEquals(List.of("duty@taigu-epb.example.cn", "chief@taigu-epb.example.cn"), mail.to());
        assertEquals("smtp-password", mail.smtp().password());
        assertEquals(new WebhookAudience.Enterprise("E001"), channels.webhooks().get(2).audience());
        assertEquals(List.of(), channels.enterpriseProblems(registry.enterprises().stream().map(e -> e.id()).toList()));
        String yaml = Files.readString(out.resolve("webhooks.yaml")) + Files.readString(out.resolve("api-tokens.yaml"));
        assertFalse(yaml.contains("smtp-password") || yaml.contains("access_token") || yaml.contains(vars.get("ENVMON_TOKEN_BUREAU")),
                "the YAML files hold no secret");
    }

    @Test
    void aSecondRunKeepsTokensAndChannelsUnlessRotated() throws Exception {
        Map<String, String> first = run(Map.of("ENVMON_FEISHU_BUREAU_URL", "https://open.feishu.cn/open-apis/bot/v2/hook/x"));
        Map<String, String> second = run(Map.of());
        assertEquals(first.get("ENVMON_TOKEN_BUREAU"), second.get("ENVMON_TOKEN_BUREAU"));
        assertEquals(first.get("ENVMON_FEISHU_BUREAU_URL"), second.get("ENVMON_FEISHU_BUREAU_URL"), "the channel stays");
        assertTrue(Files.readString(out.resolve("webhooks.yaml")).contains("name: bureau-feishu"));
        Map<String, String> rotated = run(Map.of(), "--rotate");
        assertNotEquals(first.get("ENVMON_TOKEN_BUREAU"), rotated.get("ENVMON_TOKEN_BUREAU"));
        assertEquals(48, rotated.get("ENVMON_TOKEN_BUREAU").length(), "24 random bytes in hex");
    }

    @Test
    void withoutChannelsTheWebhooksFileIsValidAndEmpty() throws Exception {
        Map<String, String> vars = run(Map.of());
        assertEquals(List.of(), new WebhooksConfigParser(vars).parse(Files.readString(out.resolve("webhooks.yaml")),
                "webhooks.yaml").webhooks());
    }
}
