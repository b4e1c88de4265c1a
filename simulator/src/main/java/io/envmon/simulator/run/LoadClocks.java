package io.envmon.simulator.run;

import java.util.function.IntFunction;

/**
 * Where the threads of a load run get their time.
 *
 * @param lane the pacer of sender thread {@code i}; the system clock for all in a real run, an own simulated
 *             clock per thread in tests, so that each thread's schedule is exact whatever the thread scheduling
 * @param live the clock that prints each second's line as it passes, or {@code null} to print every line at the
 *             end (tests: a simulated clock would race through the seconds before the senders fill them)
 */
public record LoadClocks(IntFunction<Pacer> lane, Pacer live) {

    /** The system clock for everything. */
    public static LoadClocks system() {
        SystemPacer pacer = new SystemPacer();
        return new LoadClocks(i -> pacer, pacer);
    }
}
