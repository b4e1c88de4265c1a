package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.testkit.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment delivers (docs/deployment.md): Prometheus loads rules for envmon's own health and promtool accepts
 * and unit-tests them; the ingest service gets its tokens and channels from make-secrets.sh's folder; the reverse
 * proxy exposes /api and the console over HTTPS, never /metrics.
 */
class DeployAlertingTest {

    final Path root = Root.path();
    final Path deploy = root.resolve("deploy");

    /**
     * {@code promtool check rules} and {@code promtool test rules} (Debian package {@code prometheus}); a missing
     * promtool fails, unless {@code ENVMON_TEST_WITHOUT=prometheus} opts out (reported as skipped).
     */
    @Test
    void promtoolAcceptsAndUnitTestsTheRules() throws Exception {
        Optional<Path> promtool = RequiredTools.find("promtool", "ENVMON_PROMTOOL_BIN");
        if (promtool.isEmpty()) {
            RequiredTools.missing("prometheus", "prometheus", "deploy/prometheus/alerts.yml",
                    "promtool is not installed");
        }
        String check = run(List.of(promtool.get().toString(), "check", "rules", "alerts.yml"));
        assertTrue(check.startsWith("0\n") && check.contains("SUCCESS: 9 rules found"), check);
        String test = run(List.of(promtool.get().toString(), "test", "rules", "alerts.test.yml"));
        assertTrue(test.startsWith("0\n") && test.contains("SUCCESS"), test);
    }

    @Test
    void theRulesCoverWhatTheOperatorsMustKnowAndPrometheusLoadsThem() throws Exception {
        JsonNode rules = ProvisioningTest.yaml(deploy.resolve("prometheus/alerts.yml"));
        Set<String> alerts = new HashSet<>();
        Set<String> metrics = new HashSet<>();
        for (JsonNode rule : rules.path("groups").get(0).path("rules")) {
            alerts.add(rule.path("alert").asText());
            Matcher m = Pattern.compile("\\b(envmon_\\w+|up)\\b").matcher(rule.path("expr").asText());
            while (m.find()) {
                metrics.add(m.group(1));
            }
            assertTrue(rule.path("labels").path("severity").asText().matches("critical|warning"), rule.toString());
        }
        assertTrue(alerts.containsAll(List.of("EnvmonDown", "EnvmonNoReadings", "EnvmonStoreLag",
                "EnvmonInfluxWriteFailures", "EnvmonDeadLetterRate", "EnvmonAlertEngineLag")), alerts.toString());
        String operations = Files.readString(root.resolve("docs/operations.md"));
        for (String metric : metrics) {
            assertTrue(metric.equals("up") || metric.startsWith("envmon_webhook_") || operations.contains(metric),
                    metric + " is a metric docs/operations.md lists");
        }
        JsonNode prometheus = ProvisioningTest.yaml(deploy.resolve("prometheus/prometheus.yml"));
        assertEquals("alerts.yml", prometheus.path("rule_files").get(0).asText());
        JsonNode compose = ProvisioningTest.yaml(deploy.resolve("docker-compose.yml"));
        assertTrue(compose.path("services").path("prometheus").path("volumes").toString()
                .contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro"));
    }

    @Test
    void theIngestServiceGetsItsTokensAndChannelsFromMakeSecrets() throws Exception {
        JsonNode ingest = ProvisioningTest.yaml(deploy.resolve("docker-compose.yml")).path("services").path("ingest");
        assertEquals("./recipients/envmon.env", ingest.path("env_file").get(0).asText());
        assertTrue(ingest.path("volumes").toString().contains("./recipients:/etc/envmon/recipients:ro"));
        String script = Files.readString(deploy.resolve("make-secrets.sh"));
        assertTrue(script.contains("values[ENVMON_API_TOKENS]=$mount/api-tokens.yaml")
                && script.contains("values[ENVMON_WEBHOOKS]=$mount/webhooks.yaml")
                && script.contains("mount=/etc/envmon/recipients"), "the variables name the mounted files");
        assertTrue(Files.isExecutable(deploy.resolve("make-secrets.sh")));
        String gitignore = Files.readString(deploy.resolve(".gitignore"));
        assertTrue(gitignore.lines().anyMatch("recipients/*"::equals), "the secrets are never committed");
        String unit = Files.readString(deploy.resolve("systemd/envmon-ingest.service"));
        assertTrue(unit.contains("EnvironmentFile=-/etc/envmon/recipients/envmon.env"), unit);
    }

    @Test
    void theProxyExposesTheApiAndTheConsoleOverHttpsButNotMetrics() throws Exception {
        String conf = Files.readString(deploy.resolve("nginx/envmon.conf"));
        List<String> servers = new ArrayList<>(List.of(conf.split("\nserver \\{")));
        servers.remove(0);
        String plain = servers.stream().filter(s -> s.contains("listen 80;")).findFirst().orElseThrow();
        assertTrue(plain.contains("return 301 https://$host$request_uri;") && !plain.contains("proxy_pass"),
                "port 80 only redirects");
        String tls = servers.stream().filter(s -> s.contains("listen 443 ssl;")).findFirst().orElseThrow();
        assertTrue(tls.contains("location = /metrics { return 404; }"), "/metrics is not exposed");
        assertTrue(tls.contains("location ^~ /metrics/ { return 404; }"));
        assertTrue(Pattern.compile("location /api/ \\{\\s+proxy_pass http://envmon_ingest;").matcher(tls).find());
        assertTrue(Pattern.compile("location / \\{\\s+proxy_pass http://envmon_ingest;").matcher(tls).find());
        assertTrue(Pattern.compile("location = /api/alerts/stream \\{[^}]*proxy_buffering off;").matcher(tls).find(),
                "the live stream is not buffered");
        assertTrue(conf.contains("server 127.0.0.1:8080;"));
        Matcher format = Pattern.compile("log_format envmon '([^']*)'").matcher(tls);
        assertTrue(format.find() && !format.group(1).matches(".*\\$(request|request_uri|args|query_string|http_authorization)\\b.*"),
                "the access log has no query (?access_token=) nor Authorization");
    }

    private String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(deploy.resolve("prometheus").toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + "\n" + out;
    }
}
