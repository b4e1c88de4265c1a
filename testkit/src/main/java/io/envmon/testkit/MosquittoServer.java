package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;


/**
 * A real mosquitto broker on a free loopback port with a temporary data folder, for integration tests.
 *
 * <p>Persistence is on and saved every second, so {@link #restart()} (same port, same folder) keeps persistent
 * sessions and their queued messages. Queues are effectively unbounded so that a test can build a large backlog.
 * <pre>{@code
 * try (MosquittoServer mqtt = new MosquittoServer().start()) {
 *     ... mqtt.url() ...
 * }
 * }</pre>
 * The port is chosen when the object is created, so {@link #url()} is known before the broker runs (to test a
 * client that starts while the broker is down).
 */
public final class MosquittoServer implements AutoCloseable {

    private final int port;
    private final ServerProcess server;
    private Tls tls;

    /** The broker's TLS listener: its certificate and, when {@code clientCa} is set, the CA of client certificates. */
    private record Tls(int port, TestCertificates.Identity identity, Path clientCa, boolean requireClientCert) {
    }

    /** Chooses a free port and creates the temporary data folder; does not start the broker. */
    public MosquittoServer() {
        this.port = FreePorts.next();
        this.server = new ServerProcess("mosquitto", port, Duration.ofSeconds(15), Duration.ofSeconds(10),
                "mosquitto.out", this::prepare, this::listening, () -> logTail(30));
    }

    /**
     * Adds a second listener with MQTT over TLS on another free port ({@link #tlsUrl()}), besides the plain one
     * ({@link #url()}, for test clients). Call before {@link #start()}.
     *
     * @param identity          the broker's certificate and key
     * @param clientCa          the CA whose client certificates the broker accepts, or {@code null}
     * @param requireClientCert true: a client without a certificate signed by {@code clientCa} is refused
     * @return this
     */
    public MosquittoServer withTls(TestCertificates.Identity identity, Path clientCa, boolean requireClientCert) {
        if (requireClientCert && clientCa == null) {
            throw new IllegalArgumentException("requiring client certificates needs their CA");
        }
        this.tls = new Tls(FreePorts.next(), identity, clientCa, requireClientCert);
        return this;
    }

    /**
     * Starts the broker (if it is not running) and waits until its port accepts connections.
     *
     * @return this
     * @throws IllegalStateException when the broker exits or does not listen within 15 s; the message holds the
     *                               tail of its log
     */
    public MosquittoServer start() {
        server.start();
        return this;
    }

    /** Stops the broker with SIGTERM (it saves its sessions) and waits; SIGKILL after 10 s. Idempotent. */
    public void stop() {
        server.stop();
    }

    /** Kills the broker with SIGKILL: what it had not saved yet (at most about a second) is lost. */
    public void kill() {
        server.kill();
    }

    /** {@link #stop()} then {@link #start()} on the same port and data folder. @return this */
    public MosquittoServer restart() {
        stop();
        return start();
    }

    /** Stops the broker and deletes its folder. */
    @Override
    public void close() {
        server.close();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** @return {@code tcp://127.0.0.1:<port>} */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** @return {@code ssl://127.0.0.1:<tls port>} of the listener added by {@link #withTls} */
    public String tlsUrl() {
        if (tls == null) {
            throw new IllegalStateException("no TLS listener: call withTls before start");
        }
        return "ssl://127.0.0.1:" + tls.port();
    }

    /** @return the temporary folder holding the configuration, the persistence file and the logs */
    public Path directory() {
        return server.dir();
    }

    /** @return mosquitto's own log file (connections, disconnections, errors) */
    public Path logFile() {
        return server.dir().resolve("mosquitto.log");
    }

    /** @return the last lines of the broker's log and of its standard output/error */
    public String logTail(int lines) {
        return ChildProcess.tail(logFile(), lines) + "\n" + ChildProcess.tail(server.output(), lines);
    }

    @Override
    public String toString() {
        return "MosquittoServer[" + url() + ", " + directory() + "]";
    }

    private boolean listening() {
        return FreePorts.isListening(port) && (tls == null || FreePorts.isListening(tls.port()));
    }

    private Path configFile() {
        return server.dir().resolve("mosquitto.conf");
    }

    private List<String> prepare() {
        writeConfig();
        return List.of(Binaries.find("mosquitto", "ENVMON_MOSQUITTO_BIN", "mosquitto").toString(), "-c",
                configFile().toString());
    }

    private void writeConfig() {
        StringBuilder conf = new StringBuilder();
        if ("root".equals(System.getProperty("user.name"))) {
            // as root, mosquitto would switch to user 'mosquitto', who cannot write our 0700 temporary folder
            conf.append("user root\n");
        }
        conf.append("listener ").append(port).append(" 127.0.0.1\n")
                .append("allow_anonymous true\n")
                .append("persistence true\n")
                .append("persistence_location ").append(directory()).append("/\n")
                .append("autosave_interval 1\n")
                .append("max_inflight_messages 1000\n")
                .append("max_queued_messages 1000000\n")
                .append("max_queued_bytes 0\n")
                .append("log_dest file ").append(logFile()).append('\n')
                // one type per line: mosquitto 2.0 ignores the rest of a line such as "log_type error warning"
                .append("log_type error\n")
                .append("log_type warning\n")
                .append("log_type notice\n")
                .append("log_type information\n")
                .append("log_timestamp_format %Y-%m-%dT%H:%M:%S\n");
        if (tls != null) {
            // the listener options follow the listener line (the general ones above apply to every listener)
            conf.append("listener ").append(tls.port()).append(" 127.0.0.1\n")
                    .append("certfile ").append(tls.identity().cert()).append('\n')
                    .append("keyfile ").append(tls.identity().key()).append('\n');
            if (tls.clientCa() != null) {
                conf.append("cafile ").append(tls.clientCa()).append('\n')
                        .append("require_certificate ").append(tls.requireClientCert()).append('\n');
            }
        }
        try {
            Files.writeString(configFile(), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
    }

}
