package io.envmon.ingest.alerts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for the three group-robot platforms (a real Vert.x HTTP server): it checks every request as the
 * platform documents it and answers as the platform does (HTTP 200 with an error code in the JSON). The checks are
 * written from the platforms' documentation, independently of {@link RobotSignatures} and {@link ChatMessages}
 * (docs/webhooks.md, "Platform documentation checked"):
 * <ul>
 *   <li>{@code /dingtalk/...}: {@code access_token} in the query; {@code msgtype} markdown with a non-empty
 *       {@code title} and {@code text}; with a secret, {@code timestamp} (ms, within an hour) and {@code sign} =
 *       urlEncode(Base64(HmacSHA256(key = secret, timestamp + "\n" + secret))). More than 20 messages in a minute:
 *       errcode 130101.</li>
 *   <li>{@code /wecom/...}: {@code key} in the query; {@code msgtype} markdown with {@code content} of at most 4096
 *       UTF-8 bytes. More than 20 in a minute: errcode 45009.</li>
 *   <li>{@code /feishu/...}: {@code msg_type} post, {@code content.post.zh_cn} with a title and paragraphs of
 *       {@code {"tag":"text","text":…}}, body under 20 KB; with a secret, {@code timestamp} (s, within an hour) and
 *       {@code sign} = Base64(HmacSHA256(key = timestamp + "\n" + secret, message = empty)). More than 100 a minute or
 *       5 a second: code 11232.</li>
 * </ul>
 */
final class RobotReceiver implements AutoCloseable {

    /** One request, with what the check found wrong ({@code null} when it is as documented). */
    record Received(String platform, String path, Map<String, String> query, String body, JsonNode json,
                    Instant at, long nanos, String problem) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Overrides the platform's answer for a request (e.g. to throttle once); null: answer as the platform would. */
    volatile Function<Received, String> override = r -> null;

    RobotReceiver(Vertx vertx) {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
    }

    /** The secret the robot at {@code path} is configured with on the "platform"; unset: unsigned robot. */
    RobotReceiver secret(String path, String secret) {
        secrets.put(path, secret);
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String body = buffer.toString(StandardCharsets.UTF_8);
            String path = request.path();
            String platform = path.split("/")[1];
            Map<String, String> query = query(request.query());
            JsonNode json;
            try {
                json = mapper.readTree(body);
            } catch (Exception e) {
                json = null;
            }
            Instant now = Instant.now();
            long nanos = System.nanoTime();
            String problem = json == null ? "body is not JSON" : switch (platform) {
                case "dingtalk" -> dingTalk(path, query, json, now);
                case "wecom" -> weCom(query, json);
                case "feishu" -> feishu(path, body, json, now);
                default -> "unknown platform " + platform;
            };
            Received r = new Received(platform, path, query, body, json, now, nanos, problem);
            String limited = overLimit(r);
            received.add(r);
            String answer = override.apply(r);
            if (answer == null) {
                answer = limited != null ? limited : answer(platform, problem);
            }
            request.response().putHeader("Content-Type", "application/json").setStatusCode(200).end(answer);
        });
    }

    private String answer(String platform, String problem) {
        if (platform.equals("feishu")) {
            return problem == null ? "{\"code\":0,\"msg\":\"success\",\"data\":{}}"
                    : problem.startsWith("sign") ? "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\",\"data\":{}}"
                    : "{\"code\":9499,\"msg\":\"Bad Request\",\"data\":{}}";
        }
        if (problem == null) {
            return "{\"errcode\":0,\"errmsg\":\"ok\"}";
        }
        return platform.equals("dingtalk") ? "{\"errcode\":310000,\"errmsg\":\"" + problem.replace('"', '\'') + "\"}"
                : "{\"errcode\":40058,\"errmsg\":\"" + problem.replace('"', '\'') + "\"}";
    }

    /** The platforms' documented limits, counted over what this path already received. */
    private String overLimit(Received r) {
        List<Received> same = at(r.path());
        long lastMinute = same.stream().filter(o -> r.nanos() - o.nanos() < 60_000_000_000L).count();
        long lastSecond = same.stream().filter(o -> r.nanos() - o.nanos() < 1_000_000_000L).count();
        return switch (r.platform()) {
            case "dingtalk" -> lastMinute >= 20 ? "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}" : null;
            case "wecom" -> lastMinute >= 20 ? "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}" : null;
            case "feishu" -> lastMinute >= 100 || lastSecond >= 5 ? "{\"code\":11232,\"msg\":\"frequency limited\",\"data\":{}}" : null;
            default -> null;
        };
    }

    private String dingTalk(String path, Map<String, String> query, JsonNode json, Instant now) {
        if (!query.containsKey("access_token")) {
            return "no access_token";
        }
        if (!"markdown".equals(json.path("msgtype").asText()) || json.path("markdown").path("title").asText().isEmpty()
                || json.path("markdown").path("text").asText().isEmpty()) {
            return "not a markdown message with title and text";
        }
        String secret = secrets.get(path);
        if (secret == null) {
            return null;
        }
        String ts = query.get("timestamp");
        String sign = query.get("sign");
        if (ts == null || sign == null) {
            return "sign missing";
        }
        if (Math.abs(now.toEpochMilli() - Long.parseLong(ts)) > 3_600_000) {
            return "sign: timestamp not within an hour";
        }
        String expected = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                (ts + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(sign) ? null : "sign not match";
    }

    private String weCom(Map<String, String> query, JsonNode json) {
        if (!query.containsKey("key")) {
            return "no key";
        }
        String content = json.path("markdown").path("content").asText();
        if (!"markdown".equals(json.path("msgtype").asText()) || content.isEmpty()) {
            return "not a markdown message with content";
        }
        return content.getBytes(StandardCharsets.UTF_8).length > 4096 ? "markdown.content over 4096 bytes" : null;
    }

    private String feishu(String path, String body, JsonNode json, Instant now) {
        if (body.getBytes(StandardCharsets.UTF_8).length > 20 * 1024) {
            return "body over 20 KB";
        }
        JsonNode zh = json.path("content").path("post").path("zh_cn");
        if (!"post".equals(json.path("msg_type").asText()) || zh.path("title").asText().isEmpty()
                || !zh.path("content").isArray() || zh.path("content").isEmpty()) {
            return "not a post with zh_cn title and content";
        }
        for (JsonNode paragraph : zh.path("content")) {
            for (JsonNode element : paragraph) {
                if (!"text".equals(element.path("tag").asText()) || !element.path("text").isTextual()) {
                    return "paragraph element is not {tag: text, text: …}";
                }
            }
        }
        String secret = secrets.get(path);
        if (secret == null) {
            return null;
        }
        if (!json.path("timestamp").isTextual() || !json.path("sign").isTextual()) {
            return "sign missing";
        }
        long ts = Long.parseLong(json.path("timestamp").asText());
        if (Math.abs(now.getEpochSecond() - ts) > 3600) {
            return "sign: timestamp not within an hour";
        }
        String expected = Base64.getEncoder().encodeToString(hmac((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8),
                new byte[0]));
        return expected.equals(json.path("sign").asText()) ? null : "sign match fail";
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        received.forEach(r -> {
            if (r.problem() != null) {
                out.add(r.path() + ": " + r.problem());
            }
        });
        return out;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
