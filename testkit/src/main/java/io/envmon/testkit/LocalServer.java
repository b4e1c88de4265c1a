package io.envmon.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server the tests run as a child process on a free loopback port, with its data in a temporary folder: what
 * {@link MosquittoServer} and {@link InfluxServer} share (start and wait until ready, stop, kill, restart on the same
 * port and folder, close and delete the folder).
 *
 * @param <S> the server's own type, returned by {@link #start()} and {@link #restart()}
 */
public abstract class LocalServer<S extends LocalServer<S>> implements AutoCloseable {

    private final int port;
    private final ServerProcess server;

    /**
     * Chooses a free port and creates the temporary folder; does not start the server.
     *
     * @param name         the program, for messages
     * @param startTimeout how long {@link #start()} waits for the server to be ready
     * @param stopGrace    how long {@link #stop()} waits after SIGTERM before SIGKILL
     * @param outputName   the file in the folder that takes the server's standard output and error
     */
    LocalServer(String name, Duration startTimeout, Duration stopGrace, String outputName) {
        this.port = FreePorts.next();
        this.server = new ServerProcess(name, port, startTimeout, stopGrace, outputName, this::prepare, this::ready,
                () -> logTail(30));
    }

    /** Writes the configuration into {@link #directory()}. @return the command line that starts the server */
    abstract List<String> prepare();

    /** True once the server answers. */
    abstract boolean ready();

    /** @return the last lines of the server's log(s), for failure messages */
    public abstract String logTail(int lines);

    /**
     * Starts the server (if it is not running) and waits until it is ready.
     *
     * @return this
     * @throws IllegalStateException when the server exits or is not ready in time; the message holds the tail of
     *                               its log
     */
    @SuppressWarnings("unchecked")
    public S start() {
        server.start();
        return (S) this;
    }

    /** Stops the server with SIGTERM (it saves what it holds) and waits; SIGKILL after the grace time. Idempotent. */
    public void stop() {
        server.stop();
    }

    /** Kills the server with SIGKILL: what it had not saved yet is lost. */
    public void kill() {
        server.kill();
    }

    /** {@link #stop()} then {@link #start()} on the same port and data folder. @return this */
    public S restart() {
        stop();
        return start();
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() {
        server.close();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public int port() {
        return port;
    }

    /** @return the temporary folder holding the configuration, the data and the logs */
    public Path directory() {
        return server.dir();
    }

    /** @return the file that takes the server's standard output and error */
    Path output() {
        return server.output();
    }
}
