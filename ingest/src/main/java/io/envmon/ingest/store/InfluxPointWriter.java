package io.envmon.ingest.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.InfluxQLQueryResult;
import io.envmon.ingest.config.InfluxConfig;
import io.envmon.model.tls.ClientTls;
import io.envmon.model.tls.PemException;
import io.envmon.model.tls.TlsFailures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Writes batches with influxdb-client-java's blocking API: the v2 write request for InfluxDB 2.x/3.x/1.8+,
 * mapped onto {@code /write} by {@link V1WriteInterceptor} for InfluxDB 1.x. One write path either way.
 * Reads use InfluxQL over {@code /query} (the database is the bucket; for 2.x through its DBRP mapping).
 */
public final class InfluxPointWriter implements PointWriter, PointReader {

    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final String bucket;
    private final String org;
    private final String database;
    private final String retentionPolicy;

    /**
     * @throws IllegalArgumentException when the TLS files (checked at start-up already) cannot be used; the message
     *                                  names the settings
     */
    public InfluxPointWriter(InfluxConfig config) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.timeout())
                .readTimeout(config.timeout())
                .writeTimeout(config.timeout())
                // we retry ourselves with backoff and classification; a silent client-side retry would hide failures
                .retryOnConnectionFailure(false);
        if (!config.tls().isEmpty()) {
            try {
                ClientTls tls = ClientTls.load(config.tls());
                // OkHttp keeps checking the server's certificate against the URL's host
                http.sslSocketFactory(tls.socketFactory(), tls.trustManager());
            } catch (PemException e) {
                throw new IllegalArgumentException("ENVMON_INFLUX_TLS_* (influx.tls): " + e.getMessage(), e);
            }
        }
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(config.url())
                .bucket(config.bucket())
                .okHttpClient(http);
        if (config.api() == InfluxConfig.InfluxApi.V1) {
            // a network interceptor runs after the client's own token interceptor, so it sees (and replaces) the header
            http.addNetworkInterceptor(new V1WriteInterceptor(config.username(), config.password()));
            // the v2 client wants some credential; the interceptor replaces the header on writes
            options.authenticateToken((config.token() == null ? "v1" : config.token()).toCharArray());
            options.org(config.org() == null ? "-" : config.org());
        } else {
            String token = config.token() != null ? config.token()
                    : config.username() != null ? config.username() + ":" + (config.password() == null ? "" : config.password())
                    : "";
            options.authenticateToken(token.toCharArray());
            options.org(config.org());
        }
        this.client = InfluxDBClientFactory.create(options.build());
        this.writeApi = client.getWriteApiBlocking();
        this.bucket = config.bucket();
        this.org = config.org() == null ? "-" : config.org();
        this.database = config.database();
        this.retentionPolicy = config.retentionPolicy();
    }

    @Override
    public List<QueryRow> query(String influxql) {
        InfluxQLQuery query = new InfluxQLQuery(influxql, database)
                .setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS);
        if (retentionPolicy != null) {
            query.setRetentionPolicy(retentionPolicy);
        }
        InfluxQLQueryResult result;
        try {
            // raw text per column; the callers know each column's type
            result = client.getInfluxQLQueryApi().query(query, (column, raw, index, series) -> raw);
        } catch (RuntimeException e) {
            throw unanswered(e);
        }
        List<QueryRow> rows = new ArrayList<>();
        if (result == null) {
            return rows;
        }
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    Map<String, String> values = new HashMap<>();
                    long time = 0;
                    for (String column : series.getColumns().keySet()) {
                        Object v = record.getValueByKey(column);
                        if (v == null || v.toString().isEmpty()) {
                            continue;
                        }
                        if (column.equals("time")) {
                            time = Long.parseLong(v.toString());
                        } else {
                            values.put(column, v.toString());
                        }
                    }
                    rows.add(new QueryRow(series.getName(), series.getTags(), time, values));
                }
            }
        }
        return rows;
    }

    @Override
    public void writeLines(LineBatch lines) {
        // one request per precision (readings in ms, dead letters in ns), as the client's writePoints does
        if (!lines.millis().isEmpty()) {
            writeApi.writeRecord(bucket, org, WritePrecision.MS, lines.millis());
        }
        if (!lines.nanos().isEmpty()) {
            writeApi.writeRecord(bucket, org, WritePrecision.NS, lines.nanos());
        }
    }

    /**
     * @return true when InfluxDB answers its ping
     * @throws IllegalStateException saying why it cannot be reached (a TLS problem in words, see TlsFailures)
     */
    @Override
    public boolean ping() {
        if (client.ping()) {
            return true;
        }
        try {
            // ping() only says false; the version request (the same /ping) throws with the cause
            client.version();
        } catch (RuntimeException e) {
            throw unanswered(e);
        }
        return false;
    }

    /** A failure without an HTTP answer (network, TLS) is said in words; InfluxDB's own answers pass unchanged. */
    private static RuntimeException unanswered(RuntimeException e) {
        if (e instanceof InfluxException influx && influx.status() != 0) {
            return e;
        }
        return new IllegalStateException(TlsFailures.describe(e, "ENVMON_INFLUX_TLS_CA"), e);
    }

    @Override
    public void close() {
        client.close();
    }
}
