package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The life cycle shared by the test servers: a daemon on a fixed free port with its own temporary folder,
 * started until a readiness check passes, stopped gracefully (or killed), restartable on the same port and
 * folder, and deleted on close. The server classes say what to run and how to tell it is ready.
 */
final class ServerProcess {

    private final String name;
    private final int port;
    private final Path dir;
    private final Path output;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private final Supplier<List<String>> prepareCommand;
    private final BooleanSupplier ready;
    private final Supplier<String> logTail;
    private ChildProcess process;
    private boolean closed;

    /**
     * @param prepareCommand writes the server's configuration into the folder and returns its command line
     * @param output         where the process's standard output and error go
     */
    ServerProcess(String name, int port, Duration startTimeout, Duration stopGrace, String outputName,
                  Supplier<List<String>> prepareCommand, BooleanSupplier ready, Supplier<String> logTail) {
        this.name = name;
        this.port = port;
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
        this.prepareCommand = prepareCommand;
        this.ready = ready;
        this.logTail = logTail;
        try {
            this.dir = Files.createTempDirectory("envmon-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for " + name, e);
        }
        this.output = dir.resolve(outputName);
        ShutdownCleanup.registerDirectory(dir);
    }

    Path dir() {
        return dir;
    }

    Path output() {
        return output;
    }

    synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this " + name + " server is closed");
        }
        if (isRunning()) {
            return;
        }
        if (FreePorts.isListening(port)) {
            // else the readiness check would be answered by whoever holds the port
            throw new IllegalStateException("port " + port + " for " + name + " is already taken by another process");
        }
        process = ChildProcess.start(prepareCommand.get(), dir, Map.of(), output);
        try {
            Awaitility.await(name + " ready on port " + port)
                    .atMost(startTimeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(25))
                    .pollInSameThread()
                    .dontCatchUncaughtExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw startFailure(name + " exited with code " + process.exitCode(), null);
                        }
                        return ready.getAsBoolean();
                    });
        } catch (ConditionTimeoutException e) {
            process.kill();
            throw startFailure(name + " was not ready on port " + port + " within " + startTimeout, e);
        }
    }

    /** SIGTERM and wait; SIGKILL after the grace period. Idempotent. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.stop(stopGrace);
        }
    }

    synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.kill();
        }
    }

    synchronized void close() {
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

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private IllegalStateException startFailure(String what, Throwable cause) {
        return new IllegalStateException(what + " (folder " + dir + "); log tail:\n" + logTail.get(), cause);
    }
}
