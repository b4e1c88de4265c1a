package io.envmon.simulator.run;

/**
 * What a device does while its broker connection is down: it keeps up to {@code capacity} readings (the oldest
 * are overwritten when it is full, as a data logger's ring buffer does) and, once connected again, sends them as
 * batch payloads of up to {@code batch} readings.
 */
public record DeviceBuffer(int capacity, int batch) {

    /** A week of 1-minute readings, sent an hour per message. */
    public static final DeviceBuffer DEFAULT = new DeviceBuffer(10_080, 60);

    public DeviceBuffer {
        if (capacity < 1 || batch < 1) {
            throw new IllegalArgumentException("a device buffer needs a capacity and a batch size of at least 1");
        }
    }
}
