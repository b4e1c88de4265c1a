package io.envmon.ingest.config;

import io.envmon.model.tls.TlsFiles;
import java.time.Duration;

/**
 * Where readings are stored. {@code api} decides the wire protocol of the one write path; for {@code v1} the
 * bucket is {@code database} or {@code database/retention}. {@code tls} holds the CA and client certificate files
 * for {@code https://}.
 */
public record InfluxConfig(String url, InfluxApi api, String org, String bucket, String token, String username,
                           String password, int batchSize, Duration flushInterval, Duration timeout,
                           Duration maxRetryDelay, int writeConcurrency, TlsFiles tls) {

    /** The default number of batches written at the same time. */
    public static final int DEFAULT_WRITE_CONCURRENCY = 2;

    public InfluxConfig(String url, InfluxApi api, String org, String bucket, String token, String username,
                        String password, int batchSize, Duration flushInterval, Duration timeout,
                        Duration maxRetryDelay) {
        this(url, api, org, bucket, token, username, password, batchSize, flushInterval, timeout, maxRetryDelay,
                DEFAULT_WRITE_CONCURRENCY);
    }

    /** Without TLS files: the JVM's trusted CAs, no client certificate. */
    public InfluxConfig(String url, InfluxApi api, String org, String bucket, String token, String username,
                        String password, int batchSize, Duration flushInterval, Duration timeout,
                        Duration maxRetryDelay, int writeConcurrency) {
        this(url, api, org, bucket, token, username, password, batchSize, flushInterval, timeout, maxRetryDelay,
                writeConcurrency, TlsFiles.NONE);
    }

    /** The v1 database part of the bucket. */
    public String database() {
        int slash = bucket.indexOf('/');
        return slash < 0 ? bucket : bucket.substring(0, slash);
    }

    /** The v1 retention policy part of the bucket, or {@code null} for the database's default. */
    public String retentionPolicy() {
        int slash = bucket.indexOf('/');
        return slash < 0 ? null : bucket.substring(slash + 1);
    }

    public enum InfluxApi { V1, V2 }
}
