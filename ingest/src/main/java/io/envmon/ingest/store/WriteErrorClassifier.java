package io.envmon.ingest.store;

import com.influxdb.exceptions.InfluxException;
import io.envmon.model.tls.TlsFailures;
import java.time.Duration;
import java.util.Map;

/** Maps what influxdb-client-java throws onto {@link WriteError.Kind}s. */
public final class WriteErrorClassifier {

    private WriteErrorClassifier() {
    }

    public static WriteError classify(Throwable failure) {
        Throwable t = failure;
        while (!(t instanceof InfluxException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (!(t instanceof InfluxException influx) || influx.status() == 0) {
            // no HTTP answer: a network or TLS problem, in words (an untrusted or expired certificate...)
            return new WriteError(WriteError.Kind.TRANSIENT, 0, TlsFailures.describe(failure, "ENVMON_INFLUX_TLS_CA"),
                    null);
        }
        int status = influx.status();
        String message = describe(influx);
        WriteError.Kind kind = switch (status) {
            case 400, 422 -> WriteError.Kind.DATA;
            case 413 -> WriteError.Kind.TOO_LARGE;
            case 429, 503 -> WriteError.Kind.OVERLOADED;
            case 401, 403 -> WriteError.Kind.AUTH;
            case 404 -> WriteError.Kind.NOT_FOUND;
            default -> WriteError.Kind.TRANSIENT;
        };
        return new WriteError(kind, status, message, retryAfter(influx.headers()));
    }

    private static Duration retryAfter(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(h.getKey()) && h.getValue() != null) {
                try {
                    return Duration.ofSeconds(Long.parseLong(h.getValue().trim()));
                } catch (NumberFormatException e) {
                    return null; // an HTTP date: rare for InfluxDB; fall back to our own backoff
                }
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
