package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private ChildProcess process;
    private boolean closed;

    /** Chooses a free port and creates the temporary data folder; does not start the broker. */
    public MosquittoServer() {
        this.port = FreePorts.next();
        try {
            this.dir = Files.createTempDirectory("envmon-mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for mosquitto", e);
        }
        ShutdownCleanup.registerDirectory(dir);
    }

    /**
     * Starts the broker (if it is not running) and waits until its port accepts connections.
     *
     * @return this
     * @throws IllegalStateException when the broker exits or does not listen within 15 s; the message holds the
     *                               tail of its log
     */
    public synchronized MosquittoServer start() {
        if (closed) {
            throw new IllegalStateException("this MosquittoServer is closed");
        }
        if (isRunning()) {
            return this;
        }
        if (FreePorts.isListening(port)) {
            // else the readiness check below would be answered by whoever holds the port
            throw new IllegalStateException("port " + port + " for mosquitto is already taken by another process");
        }
        Path binary = Binaries.find("mosquitto", "ENVMON_MOSQUITTO_BIN", "mosquitto");
        writeConfig();
        process = ChildProcess.start(List.of(binary.toString(), "-c", configFile().toString()), dir, Map.of(),
                dir.resolve("mosquitto.out"));
        try {
            Awaitility.await("mosquitto listening on port " + port)
                    .atMost(START_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(25))
                    .pollInSameThread()
                    .dontCatchUncaughtExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw startFailure("mosquitto exited with code " + process.exitCode(), null);
                        }
                        return FreePorts.isListening(port);
                    });
        } catch (ConditionTimeoutException e) {
            process.kill();
            throw startFailure("mosquitto did not listen on port " + port + " within " + START_TIMEOUT, e);
        }
        return this;
    }

    /** Stops the broker with SIGTERM (it saves its sessions) and waits; SIGKILL after 10 s. Idempotent. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.stop(STOP_GRACE);
        }
    }

    /** Kills the broker with SIGKILL: what it had not saved yet (at most about a second) is lost. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }

    /** {@link #stop()} then {@link #start()} on the same port and data folder. @return this */
    public synchronized MosquittoServer restart() {
        stop();
        return start();
    }

    /** Stops the broker and deletes its folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            ShutdownCleanup.deleteDirectory(dir);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
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
        return dir;
    }

    /** @return mosquitto's own log file (connections, disconnections, errors) */
    public Path logFile() {
        return dir.resolve("mosquitto.log");
    }

    /** @return the last lines of the broker's log and of its standard output/error */
    public String logTail(int lines) {
        return ChildProcess.tail(logFile(), lines) + "\n" + ChildProcess.tail(dir.resolve("mosquitto.out"), lines);
    }

    @Override
    public String toString() {
        return "MosquittoServer[" + url() + ", " + dir + "]";
    }

    private Path configFile() {
        return dir.resolve("mosquitto.conf");
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
                .append("persistence_location ").append(dir).append("/\n")
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
        try {
            Files.writeString(configFile(), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
    }

    private IllegalStateException startFailure(String what, Throwable cause) {
        return new IllegalStateException(what + " (" + configFile() + "); log tail:\n" + logTail(30), cause);
    }
}
