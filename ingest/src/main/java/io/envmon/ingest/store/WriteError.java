package io.envmon.ingest.store;

import java.time.Duration;

/**
 * A write failure, classified by what the caller should do (STYLE.md, "errors").
 *
 * @param retryAfter the server's Retry-After, or {@code null}
 */
public record WriteError(Kind kind, int status, String message, Duration retryAfter) {

    public enum Kind {
        /** 400/422: the data is wrong; retrying cannot help. Isolate the bad point and dead-letter it. */
        DATA,
        /** 413: split the batch. */
        TOO_LARGE,
        /** 429/503: the server asks us to wait. */
        OVERLOADED,
        /** 401/403: credentials are wrong; unhealthy and loud, retried slowly until an operator fixes them. */
        AUTH,
        /** 404: the bucket/database does not exist; loud, retried until it is created. */
        NOT_FOUND,
        /** Network errors, timeouts, other 5xx: keep the data and retry. */
        TRANSIENT
    }

    public boolean retriable() {
        return kind != Kind.DATA && kind != Kind.TOO_LARGE;
    }
}
