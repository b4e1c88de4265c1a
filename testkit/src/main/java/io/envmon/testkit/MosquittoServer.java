package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;


/**
 * A real mosquitto broker on a free loopback port with a temporary data folder, for integration tests.
 *
 * <p>Persistence is on and saved every second, so {@link #restart()} (same port, same folder) keeps persistent
 * sessions and their queued messages; {@link #kill()} loses at most about a second. Queues are effectively
 * unbounded so that a test can build a large backlog. {@link #start()} waits up to 15 s for the port to accept
 * connections; {@link #stop()} sends SIGKILL after 10 s.
 * <pre>{@code
 * try (MosquittoServer mqtt = new MosquittoServer().start()) {
 *     ... mqtt.url() ...
 * }
 * }</pre>
 * The port is chosen when the object is created, so {@link #url()} is known before the broker runs (to test a
 * client that starts while the broker is down).
 */
public final class MosquittoServer extends LocalServer<MosquittoServer> {

    private Tls tls;

    /** The broker's TLS listener: its certificate and, when {@code clientCa} is set, the CA of client certificates. */
    private record Tls(int port, TestCertificates.Identity identity, Path clientCa, boolean requireClientCert) {
    }

    /** Chooses a free port and creates the temporary data folder; does not start the broker. */
    public MosquittoServer() {
        super("mosquitto", Duration.ofSeconds(15), Duration.ofSeconds(10), "mosquitto.out");
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

    /** @return {@code tcp://127.0.0.1:<port>} */
    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** @return {@code ssl://127.0.0.1:<tls port>} of the listener added by {@link #withTls} */
    public String tlsUrl() {
        if (tls == null) {
            throw new IllegalStateException("no TLS listener: call withTls before start");
        }
        return "ssl://127.0.0.1:" + tls.port();
    }

    /** @return mosquitto's own log file (connections, disconnections, errors) */
    public Path logFile() {
        return directory().resolve("mosquitto.log");
    }

    /** @return the last lines of the broker's log and of its standard output/error */
    @Override
    public String logTail(int lines) {
        return ChildProcess.tail(logFile(), lines) + "\n" + ChildProcess.tail(output(), lines);
    }

    @Override
    public String toString() {
        return "MosquittoServer[" + url() + ", " + directory() + "]";
    }

    @Override
    boolean ready() {
        return FreePorts.isListening(port()) && (tls == null || FreePorts.isListening(tls.port()));
    }

    @Override
    List<String> prepare() {
        Path config = directory().resolve("mosquitto.conf");
        // as root, mosquitto would switch to user 'mosquitto', who cannot write our 0700 temporary folder
        String user = "root".equals(System.getProperty("user.name")) ? "user root" : "";
        ConfigTemplate.write("mosquitto.conf", Map.of("DIR", directory().toString(), "PORT", String.valueOf(port()),
                "USER", user), config);
        if (tls != null) {
            appendTlsListener(config);
        }
        return List.of(Binaries.find("mosquitto", "ENVMON_MOSQUITTO_BIN", "mosquitto").toString(), "-c",
                config.toString());
    }

    /** The template's settings apply to every listener; this one's own options follow its listener line. */
    private void appendTlsListener(Path config) {
        StringBuilder conf = new StringBuilder("\n# MQTT over TLS (MosquittoServer.withTls)\n")
                .append("listener ").append(tls.port()).append(" 127.0.0.1\n")
                .append("certfile ").append(tls.identity().cert()).append('\n')
                .append("keyfile ").append(tls.identity().key()).append('\n');
        if (tls.clientCa() != null) {
            conf.append("cafile ").append(tls.clientCa()).append('\n')
                    .append("require_certificate ").append(tls.requireClientCert()).append('\n');
        }
        try {
            Files.writeString(config, conf, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }
}
