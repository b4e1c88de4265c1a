package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real InfluxDB 1.x ({@code influxd}, v1 HTTP API) on a free loopback port with a temporary data folder, for
 * integration tests.
 *
 * <p>{@link #stop()} then {@link #start()} reuse the port and the folder, so stored points survive; the WAL is
 * fsynced before a write is answered, so they survive {@link #kill()} too.
 * <pre>{@code
 * try (InfluxServer influx = new InfluxServer().start()) {
 *     influx.createDatabase("env");
 *     ... influx.url() ...
 *     List<Map<String, Object>> rows = influx.rows("env", "SELECT * FROM air GROUP BY station");
 * }
 * }</pre>
 */
public final class InfluxServer extends LocalServer<InfluxServer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The template's HTTPS lines, which {@link #withTls} turns on. */
    private static final String HTTPS_OFF = "  https-enabled = false\n  https-certificate = \"\"\n  https-private-key = \"\"\n";

    private final int rpcPort = FreePorts.next();
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TestCertificates.Identity tls;

    /**
     * Chooses free ports and creates the temporary data folder; does not start the server. {@link #start()} waits
     * up to 30 s for {@code GET /ping} to answer 204; {@link #stop()} sends SIGKILL after 15 s.
     */
    public InfluxServer() {
        super("influxd", Duration.ofSeconds(30), Duration.ofSeconds(15), "influxd.log");
    }

    /**
     * Serves HTTPS instead of HTTP ({@link #url()} becomes {@code https://}; {@link #start()} then waits for the port to
     * listen, as a test's certificate may be one no client accepts). Call before {@link #start()}.
     *
     * @param identity the server's certificate and key
     * @param caCert   the CA that signed it, trusted by this class's own client (queries)
     * @return this
     */
    public InfluxServer withTls(TestCertificates.Identity identity, Path caCert) {
        this.tls = identity;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(TestCertificates.trusting(caCert)).build();
        return this;
    }

    /** @return {@code http://127.0.0.1:<port>}, or {@code https://} after {@link #withTls} */
    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port();
    }

    /** @return influxd's standard output and error (its log) */
    public Path logFile() {
        return output();
    }

    @Override
    public String logTail(int lines) {
        return ChildProcess.tail(logFile(), lines);
    }

    /** {@code CREATE DATABASE db} (a no-op when it exists). */
    public void createDatabase(String db) {
        query(null, "CREATE DATABASE \"" + db.replace("\"", "\\\"") + "\"");
    }

    /**
     * Writes line protocol with millisecond timestamps ({@code POST /write?db=&precision=ms}).
     *
     * @throws IllegalStateException when InfluxDB does not answer 204 (the message holds its answer)
     */
    public void write(String db, String lineProtocol) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(url() + "/write?precision=ms&db=" + encode(db)))
                .POST(HttpRequest.BodyPublishers.ofString(lineProtocol)));
        if (response.statusCode() != 204) {
            throw new IllegalStateException("write to " + db + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /**
     * Runs InfluxQL ({@code POST /query?db=&q=&epoch=ms}); times are epoch milliseconds.
     *
     * @param db database, or null for statements that name none
     * @return the parsed answer, {@code {"results": [{"statement_id": 0, "series": [...]}]}}
     * @throws IllegalStateException when the HTTP status is not 200 or any statement reports an error
     */
    public JsonNode query(String db, String influxql) {
        String form = "q=" + encode(influxql) + "&epoch=ms" + (db == null ? "" : "&db=" + encode(db));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("query '" + influxql + "' answered " + response.statusCode()
                    + " with non-JSON: " + response.body(), e);
        }
        String error = InfluxResults.firstError(answer);
        if (response.statusCode() != 200 || error != null) {
            throw new IllegalStateException("query '" + influxql + "' on " + db + " failed ("
                    + response.statusCode() + "): " + (error != null ? error : response.body()));
        }
        return answer;
    }

    /**
     * Runs InfluxQL and flattens every series of every statement into rows: column name → value
     * ({@code time} as epoch milliseconds, integers as Long, floats as Double, strings, booleans, null), plus the
     * series' GROUP BY tags (tag name → value) in each row.
     */
    public List<Map<String, Object>> rows(String db, String influxql) {
        return InfluxResults.rows(query(db, influxql));
    }

    /**
     * Runs a count query and returns the sum over result rows of each row's largest numeric column other than time:
     * exact for {@code SELECT count(field) ...} (also with GROUP BY: the groups are summed), and for
     * {@code SELECT count(*)} when every point has the same fields. 0 when there are no points.
     */
    public long count(String db, String influxql) {
        return InfluxResults.count(query(db, influxql));
    }

    @Override
    public String toString() {
        return "InfluxServer[" + url() + ", " + directory() + "]";
    }

    /** {@code GET /ping} answers 204. */
    @Override
    boolean ready() {
        if (tls != null) {
            // influxd opens its HTTP port last, when it is ready to serve
            return FreePorts.isListening(port());
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/ping"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("InfluxDB at " + url() + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling InfluxDB", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    List<String> prepare() {
        Path config = directory().resolve("influxdb.conf");
        ConfigTemplate.write("influxdb.conf", Map.of("DIR", directory().toString(),
                "RPC_PORT", String.valueOf(rpcPort), "HTTP_PORT", String.valueOf(port())), config);
        if (tls != null) {
            turnHttpsOn(config);
        }
        return List.of(Binaries.find("influxd", "ENVMON_INFLUXD_BIN", "influxdb").toString(), "-config",
                config.toString());
    }

    private void turnHttpsOn(Path config) {
        try {
            String conf = Files.readString(config);
            if (!conf.contains(HTTPS_OFF)) {
                throw new IllegalStateException("the influxdb.conf template lost its https-* lines");
            }
            Files.writeString(config, conf.replace(HTTPS_OFF, "  https-enabled = true\n  https-certificate = \""
                    + tls.cert() + "\"\n  https-private-key = \"" + tls.key() + "\"\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }
}
