package io.envmon.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;


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

    /** Chooses a free port and creates the temporary data folder; does not start the broker. */
    public MosquittoServer() {
        this.port = FreePorts.next();
        this.server = new ServerProcess("mosquitto", port, Duration.ofSeconds(15), Duration.ofSeconds(10),
                "mosquitto.out", this::prepare, () -> FreePorts.isListening(port), () -> logTail(30));
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

    private Path configFile() {
        return server.dir().resolve("mosquitto.conf");
    }

    private List<String> prepare() {
        writeConfig();
        return List.of(Binaries.find("mosquitto", "ENVMON_MOSQUITTO_BIN", "mosquitto").toString(), "-c",
                configFile().toString());
    }

    private void writeConfig() {
        // as root, mosquitto would switch to user 'mosquitto', who cannot write our 0700 temporary folder
        String user = "root".equals(System.getProperty("user.name")) ? "user root" : "";
        ConfigTemplate.write("mosquitto.conf", Map.of("DIR", directory().toString(), "PORT", String.valueOf(port),
                "USER", user), configFile());
    }

}
