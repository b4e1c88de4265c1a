package io.envmon.simulator.run;

import java.util.Arrays;

/**
 * Readings and messages sent in each wall-clock second of a load run (second 0 starts when sending starts),
 * added to by every sender thread, read by the per-second lines and the steadiness figures.
 */
final class SecondCounts {

    private long[] readings = new long[64];
    private long[] messages = new long[64];
    private int seconds;

    synchronized void add(long second, int messageReadings) {
        int s = (int) Math.max(0, second);
        if (s >= readings.length) {
            int size = Math.max(s + 1, readings.length * 2);
            readings = Arrays.copyOf(readings, size);
            messages = Arrays.copyOf(messages, size);
        }
        readings[s] += messageReadings;
        messages[s]++;
        seconds = Math.max(seconds, s + 1);
    }

    /** One more than the last second anything was sent in. */
    synchronized int seconds() {
        return seconds;
    }

    synchronized long readings(long second) {
        return second < seconds ? readings[(int) second] : 0;
    }

    synchronized long messages(long second) {
        return second < seconds ? messages[(int) second] : 0;
    }

    /** Readings of seconds {@code 0 .. second}, inclusive. */
    synchronized long readingsUpTo(long second) {
        long sum = 0;
        for (int s = 0; s <= second && s < seconds; s++) {
            sum += readings[s];
        }
        return sum;
    }

    /** Readings per second of the first {@code count} seconds (0 for a second without any). */
    synchronized long[] readingsPerSecond(int count) {
        return Arrays.copyOf(readings, count);
    }
}
