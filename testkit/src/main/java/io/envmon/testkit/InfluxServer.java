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
public final class InfluxServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final int rpcPort;
    private static final String HTTPS_OFF = "  https-enabled = false\n  https-certificate = \"\"\n  https-private-key = \"\"\n";

    private final ServerProcess server;
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TestCertificates.Identity tls;

    /** Chooses free ports and creates the temporary data folder; does not start the server. */
    public InfluxServer() {
        this.port = FreePorts.next();
        this.rpcPort = FreePorts.next();
        this.server = new ServerProcess("influxd", port, Duration.ofSeconds(30), Duration.ofSeconds(15),
                "influxd.log", this::prepare, this::ready, () -> logTail(30));
    }

    /**
     * Serves HTTPS instead of HTTP ({@link #url()} becomes {@code https://}). Call before {@link #start()}.
     *
     * @param identity the server's certificate and key
     * @param caCert   the CA that signed it, trusted by this class's own client (readiness, queries)
     * @return this
     */
    public InfluxServer withTls(TestCertificates.Identity identity, Path caCert) {
        this.tls = identity;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(TestCertificates.trusting(caCert)).build();
        return this;
    }

    /**
     * Starts influxd (if it is not running) and waits until {@code GET /ping} answers 204 (with TLS: until it
     * listens).
     *
     * @return this
     * @throws IllegalStateException when influxd exits or does not answer within 30 s; the message holds the tail of
     *                               its log
     */
    public InfluxServer start() {
        server.start();
        return this;
    }

    /** Stops influxd with SIGTERM and waits; SIGKILL after 15 s. Idempotent. */
    public void stop() {
        server.stop();
    }

    /** Kills influxd with SIGKILL. */
    public void kill() {
        server.kill();
    }

    /** {@link #stop()} then {@link #start()} on the same port and data folder. @return this */
    public InfluxServer restart() {
        stop();
        return start();
    }

    /** Stops influxd and deletes its folder. */
    @Override
    public void close() {
        server.close();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** @return {@code http://127.0.0.1:<port>}, or {@code https://} after {@link #withTls} */
    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return server.dir();
    }

    /** @return influxd's standard output and error (its log) */
    public Path logFile() {
        return server.output();
    }

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

    /**
     * Answers its ping; with TLS, listens: a test's certificate may be one no client accepts (expired), and influxd
     * opens its HTTP port last, when it is ready to serve.
     */
    private boolean ready() {
        return tls == null ? pings() : FreePorts.isListening(port);
    }

    private boolean pings() {
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

    private List<String> prepare() {
        writeConfig();
        return List.of(Binaries.find("influxd", "ENVMON_INFLUXD_BIN", "influxdb").toString(), "-config",
                configFile().toString());
    }

    private Path configFile() {
        return server.dir().resolve("influxdb.conf");
    }

    private void writeConfig() {
        String conf;
        try (var template = InfluxServer.class.getResourceAsStream("influxdb.conf")) {
            if (template == null) {
                throw new IllegalStateException("influxdb.conf template missing from the testkit");
            }
            // one template for the tests and ./envmon run (scripts/lib.sh)
            conf = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@DIR@", directory().toString())
                    .replace("@RPC_PORT@", String.valueOf(rpcPort))
                    .replace("@HTTP_PORT@", String.valueOf(port));
            if (tls != null) {
                if (!conf.contains(HTTPS_OFF)) {
                    throw new IllegalStateException("influxdb.conf template lost its https-* lines");
                }
                conf = conf.replace(HTTPS_OFF, "  https-enabled = true\n  https-certificate = \"" + tls.cert()
                        + "\"\n  https-private-key = \"" + tls.key() + "\"\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the influxdb.conf template", e);
        }
        try {
            Files.writeString(configFile(), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
    }

}
