package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child process whose standard output and error go (appended) to a file, killed with the JVM.
 * The building block of {@link MosquittoServer}, {@link InfluxServer} and {@link JavaProcess}.
 */
final class ChildProcess {

    private final Process process;
    private final Path outputFile;
    private final List<String> command;

    private ChildProcess(Process process, Path outputFile, List<String> command) {
        this.process = process;
        this.outputFile = outputFile;
        this.command = command;
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code env} added to this JVM's environment.
     *
     * @throws UncheckedIOException when the program cannot be started (names the command)
     */
    static ChildProcess start(List<String> command, Path workDir, Map<String, String> env, Path outputFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            ShutdownCleanup.register(process);
            return new ChildProcess(process, outputFile, List.copyOf(command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path outputFile() {
        return outputFile;
    }

    List<String> command() {
        return command;
    }

    /** @return the exit code, or -1 while the process runs */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Sends SIGTERM, waits up to {@code grace}, then SIGKILL. @return the exit code */
    int stop(Duration grace) {
        process.destroy();
        if (!waitFor(grace)) {
            return kill();
        }
        ShutdownCleanup.unregister(process);
        return process.exitValue();
    }

    /** Sends SIGKILL and waits for the process to be gone. @return the exit code */
    int kill() {
        process.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(10))) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL: " + command);
        }
        ShutdownCleanup.unregister(process);
        return process.exitValue();
    }

    /** @return true when the process ended within {@code timeout} */
    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    String output() {
        return read(outputFile);
    }

    static String read(Path file) {
        try {
            // a writer may be in the middle of a multi-byte character: decoding replaces it, never fails
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the last {@code lines} lines of {@code file}, or "" when it does not exist */
    static String tail(Path file, int lines) {
        String[] all = read(file).split("\n", -1);
        int from = Math.max(0, all.length - lines - 1);
        return String.join("\n", Arrays.asList(all).subList(from, all.length)).stripTrailing();
    }
}
