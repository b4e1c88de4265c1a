package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@code java -jar} child process (the service or the simulator under test) with its standard output and error
 * captured to a file, killed with the test JVM.
 * <pre>{@code
 * try (JavaProcess ingest = JavaProcess.start(Path.of("target/envmon-ingest.jar"),
 *         Map.of("ENVMON_MQTT_URL", mqtt.url()))) {
 *     ingest.waitForOutput("started", Duration.ofSeconds(20));
 *     ingest.sigterm();
 *     assertEquals(0, ingest.waitFor(Duration.ofSeconds(20)));
 * }
 * }</pre>
 * The log goes to {@code target/it-logs/} when the working folder has a {@code target} folder (so CI keeps it next
 * to the failsafe reports), else to a temporary file; it is not deleted.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(20);

    private final ChildProcess process;

    private JavaProcess(ChildProcess process) {
        this.process = process;
    }

    /** Starts {@code java -jar jar args...} with {@code env} added to this JVM's environment. */
    public static JavaProcess start(Path jar, Map<String, String> env, String... args) {
        return start(jar, env, List.of(), List.of(args));
    }

    /**
     * Starts {@code java jvmArgs... -jar jar args...} in the current working folder with the JVM running this test.
     *
     * @throws IllegalStateException when the jar does not exist
     */
    public static JavaProcess start(Path jar, Map<String, String> env, List<String> jvmArgs, List<String> args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: build it first (mvn package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        Path log = newLogFile(jar);
        return new JavaProcess(ChildProcess.start(command, Path.of("").toAbsolutePath(), env, log));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the file holding the process's standard output and error */
    public Path logFile() {
        return process.outputFile();
    }

    /** @return everything the process printed so far */
    public String output() {
        return process.output();
    }

    public String outputTail(int lines) {
        return ChildProcess.tail(logFile(), lines);
    }

    /**
     * Waits until the output contains {@code text}.
     *
     * @throws AssertionError when the process exits first or the timeout passes; the message holds the output tail
     */
    public void waitForOutput(String text, Duration timeout) {
        try {
            Awaitility.await("output containing '" + text + "'")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .pollInSameThread()
                    .dontCatchUncaughtExceptions()
                    .until(() -> {
                        if (output().contains(text)) {
                            return true;
                        }
                        if (!process.isAlive() && !output().contains(text)) {
                            throw new AssertionError("process exited with code " + process.exitCode()
                                    + " before printing '" + text + "'; output tail:\n" + outputTail(40));
                        }
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no '" + text + "' in the output within " + timeout + "; output tail:\n"
                    + outputTail(40), e);
        }
    }

    /** Sends SIGTERM (graceful stop); does not wait. */
    public void sigterm() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    }

    /** Sends SIGKILL; does not wait. */
    public void sigkill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * Waits for the process to exit.
     *
     * @return its exit code (143 after an unhandled SIGTERM, 137 after SIGKILL)
     * @throws AssertionError when it is still running after {@code timeout}; the message holds the output tail
     */
    public int waitFor(Duration timeout) {
        if (!process.waitFor(timeout)) {
            throw new AssertionError("process " + pid() + " still running after " + timeout + "; output tail:\n"
                    + outputTail(40));
        }
        return process.exitCode();
    }

    /** SIGTERM, up to 20 s to exit, then SIGKILL. Never throws. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.stop(CLOSE_GRACE);
        }
    }

    @Override
    public String toString() {
        return "JavaProcess[pid " + pid() + ", " + String.join(" ", process.command()) + "]";
    }

    private static Path newLogFile(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Path dir = Files.createDirectories(target.resolve("it-logs"));
                return Files.createTempFile(dir, name + "-", ".log");
            }
            return Files.createTempFile("envmon-" + name + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a log file for " + jar, e);
        }
    }
}
