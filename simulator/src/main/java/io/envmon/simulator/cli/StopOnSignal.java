package io.envmon.simulator.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C / SIGTERM while a command runs: interrupts the command's thread, then holds the JVM's exit for up to
 * {@code grace} so the command can drain and print its totals. Closing it (the command is done) lets the JVM go.
 */
final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal(Thread runner, Duration grace) {
        this.hook = new Thread(() -> {
            runner.interrupt();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-on-signal");
    }

    /** Interrupts the calling thread on a signal. */
    static StopOnSignal install(Duration grace) {
        StopOnSignal stop = new StopOnSignal(Thread.currentThread(), grace);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running; it is waiting for us, which is fine
        }
    }
}
