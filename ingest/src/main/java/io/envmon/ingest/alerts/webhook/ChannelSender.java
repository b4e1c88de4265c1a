package io.envmon.ingest.alerts.webhook;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.ingest.alerts.webhook.WebhookRetryPolicy.Verdict;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Sends one message of a channel (one event, or a digest) once; the channel queues, paces, retries and logs. Each
 * {@link ChannelTarget} type has its sender: {@link HttpChannelSender} for the webhook and the robots,
 * {@link EmailSender} for e-mail. Called on the channel's context; the future completes there.
 */
interface ChannelSender {

    /** One message on its way: its events, its delivery ID (the same for every attempt) and this attempt's number. */
    record Outgoing(List<AlertEvent> events, String deliveryId, int attempt) {
    }

    /**
     * What one attempt came to.
     *
     * @param status     the HTTP status or SMTP reply code, {@code null} without an answer
     * @param error      what went wrong, {@code null} when delivered
     * @param retryAfter the least wait the receiver asked for, or {@code null}
     */
    record Result(Verdict verdict, Integer status, String error, Duration retryAfter) {
        static Result delivered(Integer status) {
            return new Result(Verdict.DELIVERED, status, null, null);
        }

        static Result retry(Integer status, String error, Duration retryAfter) {
            return new Result(Verdict.RETRY, status, error, retryAfter);
        }

        static Result fail(Integer status, String error) {
            return new Result(Verdict.FAIL, status, error, null);
        }
    }

    /** Sends; never fails the future: a failure is a {@link Result} with a verdict. */
    Future<Result> send(Outgoing message);

    /** Releases what the sender holds (e-mail: its SMTP client). */
    default void close() {
    }

    /** {@code ClassName: message}, for logs and the delivery log. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
