package io.envmon.ingest.alerts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.alerts.webhook.WebhookRetryPolicy.Verdict;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * POSTs a channel's messages: envmon's signed §5 JSON ({@link ChannelTarget.Webhook}) or a robot's message
 * ({@link ChatMessages}, signed as each platform documents, {@link RobotSignatures}). The robots answer HTTP 200 even
 * when they refuse, with an error code in the JSON: {@code errcode} (DingTalk, WeCom) or {@code code} (Feishu), 0
 * for success. Their "too many requests" codes are retried after the platform's window; other codes are refusals.
 */
final class HttpChannelSender implements ChannelSender {

    private static final String JSON_UTF8 = "application/json; charset=utf-8";
    /** DingTalk 130101 "send too fast": the robot is throttled for 10 minutes; -1: system busy. */
    private static final Set<Integer> DINGTALK_RETRY = Set.of(130101, -1);
    /** WeCom 45009 "api freq out of limit"; -1: system busy. */
    private static final Set<Integer> WECOM_RETRY = Set.of(45009, -1);
    /** Feishu 11232 (frequency limited, e.g. at :00 and :30) and 9499 (too many requests). */
    private static final Set<Integer> FEISHU_RETRY = Set.of(11232, 9499);

    private final WebhookConfig config;
    private final WebClient client;
    private final Clock clock;
    private final AlertEventCodec codec = new AlertEventCodec();
    private final ChatMessages chat = new ChatMessages();
    private final ObjectMapper json = new ObjectMapper();

    HttpChannelSender(WebhookConfig config, WebClient client, Clock clock) {
        this.config = config;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public Future<Result> send(Outgoing message) {
        ChannelTarget target = config.target();
        long timeout = config.timeout().toMillis();
        HttpRequest<Buffer> request;
        Buffer body;
        if (target instanceof ChannelTarget.Webhook webhook) {
            AlertEvent event = message.events().get(0); // a webhook has no digest: one event per message
            body = Buffer.buffer(codec.encode(event).getBytes(StandardCharsets.UTF_8));
            long timestamp = clock.instant().getEpochSecond();
            request = client.postAbs(webhook.url().toString())
                    .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .putHeader(WebhookSignature.SIGNATURE_HEADER,
                            WebhookSignature.sign(config.secretBytes(), timestamp, body.getBytes()))
                    .putHeader(WebhookSignature.EVENT_ID_HEADER, event.id())
                    .putHeader(WebhookSignature.DELIVERY_HEADER, message.deliveryId())
                    .putHeader(WebhookSignature.ATTEMPT_HEADER, Integer.toString(message.attempt()));
        } else if (target instanceof ChannelTarget.DingTalk dingTalk) {
            String url = dingTalk.url().toString();
            if (dingTalk.secret() != null) {
                url += (dingTalk.url().getRawQuery() == null ? "?" : "&")
                        + RobotSignatures.dingTalkQuery(dingTalk.secret(), clock.millis());
            }
            body = Buffer.buffer(chat.dingTalk(message.events()));
            request = client.postAbs(url);
        } else if (target instanceof ChannelTarget.WeCom weCom) {
            body = Buffer.buffer(chat.weCom(message.events()));
            request = client.postAbs(weCom.url().toString());
        } else if (target instanceof ChannelTarget.Feishu feishu) {
            long seconds = clock.instant().getEpochSecond();
            String sign = feishu.secret() == null ? null : RobotSignatures.feishu(feishu.secret(), seconds);
            body = Buffer.buffer(chat.feishu(message.events(), seconds, sign));
            request = client.postAbs(feishu.url().toString());
        } else {
            throw new IllegalStateException("not an HTTP channel: " + target.type());
        }
        Promise<Result> result = Promise.promise();
        boolean robot = !(target instanceof ChannelTarget.Webhook);
        request.followRedirects(false) // a signed alert goes where it was configured to go, nowhere else
                .timeout(timeout)
                .putHeader("Content-Type", JSON_UTF8);
        if (robot) {
            request.sendBuffer(body)
                    .timeout(timeout, TimeUnit.MILLISECONDS) // a hard deadline, even for an answer drop by drop
                    .onComplete(ar -> result.complete(robotResult(ar)));
        } else {
            request.as(BodyCodec.none()) // a webhook receiver's answer body is neither needed nor trusted to be small
                    .sendBuffer(body)
                    .timeout(timeout, TimeUnit.MILLISECONDS)
                    .onComplete(ar -> result.complete(webhookResult(ar)));
        }
        return result.future();
    }

    private Result webhookResult(AsyncResult<? extends HttpResponse<?>> ar) {
        if (ar.failed()) {
            return Result.retry(null, ChannelSender.describe(ar.cause()), null);
        }
        HttpResponse<?> response = ar.result();
        int status = response.statusCode();
        Verdict verdict = WebhookRetryPolicy.classify(status);
        if (verdict == Verdict.DELIVERED) {
            return Result.delivered(status);
        }
        if (verdict == Verdict.FAIL) {
            return Result.fail(status, httpError(response)
                    + (status == 401 || status == 403 ? ": check the webhook's secret and URL" : ""));
        }
        return Result.retry(status, httpError(response),
                WebhookRetryPolicy.retryAfter(response.getHeader("Retry-After"), clock.instant()));
    }

    private Result robotResult(AsyncResult<? extends HttpResponse<?>> ar) {
        Result http = webhookResult(ar);
        if (http.verdict() != Verdict.DELIVERED) {
            return http.verdict() == Verdict.FAIL && http.status() != null && (http.status() == 401 || http.status() == 403)
                    ? Result.fail(http.status(), http.error().replace("webhook's secret", "robot's secret")) : http;
        }
        HttpResponse<?> response = ar.result();
        Object raw = response.body();
        String text = raw instanceof Buffer b ? b.toString(StandardCharsets.UTF_8) : "";
        JsonNode answer;
        try {
            answer = json.readTree(text);
        } catch (Exception e) {
            answer = null;
        }
        String codeKey = config.target() instanceof ChannelTarget.Feishu ? "code" : "errcode";
        String messageKey = config.target() instanceof ChannelTarget.Feishu ? "msg" : "errmsg";
        if (answer == null || !answer.isObject() || !answer.path(codeKey).canConvertToInt()) {
            // not the platform's answer (a proxy's page?): worth another attempt, not a success
            return Result.retry(http.status(), "HTTP " + http.status() + " without a " + codeKey + " in the answer: "
                    + abbreviate(text), null);
        }
        int code = answer.path(codeKey).asInt();
        if (code == 0) {
            return Result.delivered(http.status());
        }
        String error = codeKey + " " + code + ": " + answer.path(messageKey).asText("");
        if (retryable(code)) {
            return Result.retry(http.status(), error, throttle());
        }
        return Result.fail(http.status(), error + hint(code));
    }

    private boolean retryable(int code) {
        ChannelTarget t = config.target();
        return t instanceof ChannelTarget.DingTalk ? DINGTALK_RETRY.contains(code)
                : t instanceof ChannelTarget.WeCom ? WECOM_RETRY.contains(code) : FEISHU_RETRY.contains(code);
    }

    /** How long a throttled robot stays throttled, as documented: DingTalk 10 minutes; WeCom and Feishu a minute. */
    private Duration throttle() {
        return config.target() instanceof ChannelTarget.DingTalk ? Duration.ofMinutes(10) : Duration.ofMinutes(1);
    }

    private String hint(int code) {
        ChannelTarget t = config.target();
        if (t instanceof ChannelTarget.DingTalk && code == 310000) {
            return " (signature, keyword or IP check failed: check the robot's secret and security settings)";
        }
        if (t instanceof ChannelTarget.Feishu && (code == 19021 || code == 19022 || code == 19024)) {
            return " (signature, IP or keyword check failed: check the bot's secret, clock and security settings)";
        }
        if (t instanceof ChannelTarget.WeCom && code == 93000) {
            return " (invalid webhook URL: check the robot's key)";
        }
        return "";
    }

    private static String httpError(HttpResponse<?> response) {
        String reason = response.statusMessage();
        return "HTTP " + response.statusCode() + (reason == null || reason.isBlank() ? "" : " " + reason);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 120 ? one : one.substring(0, 120) + "…";
    }
}
