package io.envmon.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.envmon.simulator.cli.SimulatorCommand;
import io.envmon.testkit.SmtpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Alerts reach people (docs/webhooks.md): the built service with a webhooks file of two ready-made channels, E001's
 * DingTalk robot (signed) and the bureau's mailbox (SMTP with STARTTLS and AUTH), then a {@code replay} of six hours
 * of the default registry with the {@code enterprise-exceedance} scenario. The robot stand-in checks DingTalk's
 * documented request (access token, timestamp and sign, markdown message) and answers as DingTalk does; the mail
 * arrives at a real SMTP server (aiosmtpd). Both messages are printed, for the record.
 */
class AlertChannelsReplayIT {

    static final String DING_SECRET = "SECenvmon-replay-it-dingtalk-secret-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A DingTalk custom robot as documented: checks every request, answers errcode 0 or 310000. */
    static final class DingTalkRobot implements AutoCloseable {
        final HttpServer server;
        final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();

        DingTalkRobot() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/robot/send", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot/send?access_token=replay-it-token";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> q = new LinkedHashMap<>();
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
                String problem = check(q, body);
                String answer;
                if (problem == null) {
                    accepted.add(JSON.readTree(body));
                    answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
                } else {
                    refused.add(problem);
                    answer = "{\"errcode\":310000,\"errmsg\":\"" + problem + "\"}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }

        private static String check(Map<String, String> q, String body) {
            try {
                if (!"replay-it-token".equals(q.get("access_token"))) {
                    return "access_token";
                }
                long ts = Long.parseLong(q.get("timestamp"));
                if (Math.abs(System.currentTimeMillis() - ts) > 3_600_000) {
                    return "timestamp";
                }
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(DING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String sign = Base64.getEncoder().encodeToString(
                        mac.doFinal((ts + "\n" + DING_SECRET).getBytes(StandardCharsets.UTF_8)));
                if (!sign.equals(q.get("sign"))) {
                    return "sign not match";
                }
                JsonNode json = JSON.readTree(body);
                if (!"markdown".equals(json.path("msgtype").asText()) || json.path("markdown").path("title").asText()
                        .isEmpty() || json.path("markdown").path("text").asText().isEmpty()) {
                    return "not a markdown message";
                }
                return null;
            } catch (Exception e) {
                return e.toString();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theEnterprisesRobotAndTheBureausMailboxGetThePermitAlert() throws Exception {
        try (DingTalkRobot robot = new DingTalkRobot();
             SmtpServer smtp = new SmtpServer().withStartTls().withLogin("envmon-alerts", "replay-smtp-password").start()) {
            Path webhooks = tmp.resolve("webhooks.yaml");
            Files.writeString(webhooks, """
                    webhooks:
                      - name: E001-dingtalk
                        type: dingtalk
                        urlEnv: ENVMON_DINGTALK_E001_URL
                        secretEnv: ENVMON_DINGTALK_E001_SECRET
                        audience: {enterprise: E001}
                      - name: bureau-mail
                        type: email
                        smtp: {host: 127.0.0.1, port: %d, security: starttls, username: envmon-alerts,
                               passwordEnv: ENVMON_SMTP_PASSWORD, caFile: "%s"}
                        from: envmon@taigu-epb.example.cn
                        to: [duty@taigu-epb.example.cn]
                        audience: bureau
                        kinds: [enterprise]
                    """.formatted(smtp.port(), smtp.certificate()));
            Map<String, String> env = Map.of("ENVMON_WEBHOOKS", webhooks.toString(),
                    "ENVMON_DINGTALK_E001_URL", robot.url(), "ENVMON_DINGTALK_E001_SECRET", DING_SECRET,
                    "ENVMON_SMTP_PASSWORD", "replay-smtp-password");
            try (ServiceUnderTest service = ServiceUnderTest.start("envmon-ingest-channels-it", env)) {
                String from = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(1) + "T00:00:00+08:00";
                String to = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(1) + "T06:00:00+08:00";
                StringWriter out = new StringWriter();
                CommandLine cli = new CommandLine(new SimulatorCommand());
                cli.setOut(new PrintWriter(out));
                int replay = cli.execute("replay", "--registry", ServiceUnderTest.REGISTRY.toString(),
                        "--mqtt-url", service.mqtt.url(), "--from", from, "--to", to, "--interval", "60s",
                        "--batch", "10", "--scenario-dir", ServiceUnderTest.CONFIG.resolve("scenarios").toString(),
                        "--scenario", "enterprise-exceedance", "--quiet");
                assertEquals(0, replay, out.toString());

                Awaitility.await("the permit alert at the robot and in the mailbox").atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> robot.accepted.stream().anyMatch(m -> title(m).contains("E001/DW001 · permit_limit"))
                                && smtp.messages().stream().anyMatch(m -> m.subject().contains("E001/DW001 · permit_limit")));

                assertEquals(List.of(), robot.refused, "every request as DingTalk documents it");
                JsonNode ding = robot.accepted.stream().filter(m -> title(m).contains("E001/DW001 · permit_limit"))
                        .findFirst().orElseThrow();
                SmtpServer.Mail mail = smtp.messages().stream()
                        .filter(m -> m.subject().contains("E001/DW001 · permit_limit")).findFirst().orElseThrow();
                System.out.println("=== DingTalk message (E001-dingtalk) ===\n" + ding.toPrettyString());
                System.out.println("=== e-mail (bureau-mail) ===\nSubject: " + mail.subject() + "\nFrom: "
                        + mail.mailFrom() + "\nTo: " + mail.rcptTos() + "\nTLS: " + mail.tls() + ", AUTH: "
                        + mail.authLogin() + "\n\n" + mail.text());
                assertTrue(title(ding).startsWith("🔴 [严重 critical] 新告警 open · E001/DW001 · permit_limit"), title(ding));
                assertTrue(ding.path("markdown").path("text").asText().contains("化学需氧量"), ding.toString());
                assertTrue(mail.tls() && "envmon-alerts".equals(mail.authLogin()));
                assertTrue(mail.text().contains("化学需氧量") && mail.text().contains("COD"), mail.text());
                assertTrue(robot.accepted.stream().allMatch(m -> title(m).contains("E001")),
                        "the enterprise's robot gets only its own alerts");
            }
        }
    }

    private static String title(JsonNode m) {
        return m.path("markdown").path("title").asText();
    }
}
