package io.envmon.bench;

import io.envmon.alerts.engine.EngineStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * The alert engine's live heap per point, and its CPU time per reading while being fed. Not a JMH benchmark: a
 * plain program in the same jar, because the question is what stays reachable after hours of data, not how long an
 * operation takes.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/envmon-benchmarks.jar io.envmon.bench.EngineHeapPerPoint 5000 26 [mix]
 * </pre>
 *
 * <p>It builds the registry (outside the measurement), forces GC and reads the used heap, builds the engine, feeds
 * {@code hours} of minute readings for every point (with a tick every 10 s of traffic, as {@link EngineDriver}
 * does), forces GC again with the engine still strongly referenced, and prints the difference per point. Points
 * are air stations, or with {@code mix} the proportions of the Taigu registry (air, water, stack and wastewater
 * points; see {@link SyntheticDistrict#mix}). CPU is the feeding thread's CPU time, JIT warm-up included.
 */
public final class EngineHeapPerPoint {

    private EngineHeapPerPoint() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("mix"))) {
            System.err.println("usage: EngineHeapPerPoint POINTS HOURS [mix]");
            System.exit(2);
        }
        int points = Integer.parseInt(args[0]);
        int hours = Integer.parseInt(args[1]);
        if (points < 1 || hours < 1) {
            System.err.println("POINTS and HOURS must be at least 1");
            System.exit(2);
        }
        boolean mix = args.length == 3;
        SyntheticDistrict district = mix ? SyntheticDistrict.mix(points) : SyntheticDistrict.air(points);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = liveHeap(memory);

        EngineDriver driver = new EngineDriver(district);
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        driver.feedHours(hours);
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;

        long after = liveHeap(memory);
        EngineStats stats = driver.engine().stats();
        Reference.reachabilityFence(driver);

        long readings = (long) points * hours * 60;
        System.out.printf(Locale.ROOT, "points %d, hours %d, live heap per point %.1f KB, CPU per reading %.2f µs (feeding)%n",
                points, hours, (after - before) / 1024.0 / points, cpu / 1e3 / readings);
        System.out.printf(Locale.ROOT, "  %s; %,d readings fed in %.1f s; live heap %.1f MB; engine stats: %,d retained readings;"
                        + " besides AQI records %s, %d open alerts; max heap %d MB%n",
                mix ? district.registry().summary() : points + " air stations", readings, wall / 1e9,
                (after - before) / 1024.0 / 1024.0, stats.retainedReadings(), driver.surprises(), stats.openAlerts(),
                Runtime.getRuntime().maxMemory() / 1024 / 1024);
    }

    /** Used heap after full collections: a few, since one may leave garbage that finalisation or references free. */
    private static long liveHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
