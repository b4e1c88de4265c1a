package io.envmon.testkit;

import java.nio.file.Path;
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

    /** Chooses a free port and creates the temporary data folder; does not start the broker. */
    public MosquittoServer() {
        super("mosquitto", Duration.ofSeconds(15), Duration.ofSeconds(10), "mosquitto.out");
    }

    /** @return {@code tcp://127.0.0.1:<port>} */
    public String url() {
        return "tcp://127.0.0.1:" + port();
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
        return FreePorts.isListening(port());
    }

    @Override
    List<String> prepare() {
        Path config = directory().resolve("mosquitto.conf");
        // as root, mosquitto would switch to user 'mosquitto', who cannot write our 0700 temporary folder
        String user = "root".equals(System.getProperty("user.name")) ? "user root" : "";
        ConfigTemplate.write("mosquitto.conf", Map.of("DIR", directory().toString(), "PORT", String.valueOf(port()),
                "USER", user), config);
        return List.of(Binaries.find("mosquitto", "ENVMON_MOSQUITTO_BIN", "mosquitto").toString(), "-c",
                config.toString());
    }
}
