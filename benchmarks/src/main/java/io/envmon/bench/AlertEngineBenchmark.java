package io.envmon.bench;

import io.envmon.alerts.engine.EngineStats;
import io.envmon.model.Reading;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The alert engine's cost per reading in its steady state: N air stations ({@code points}), each already holding
 * {@code warmHours} (26 by default, the engine's {@code window.retainHours}) of minute readings, then the stream
 * goes on: every invocation feeds the next reading (next point round-robin, the minute advancing after every point
 * had one, arrival 3 s after the event time) and hands the engine's output to a Blackhole.
 *
 * <p>As in the service, {@code onTick} runs every 10 s of traffic, i.e. after every {@code points × 10 / 60}
 * readings (833 at 5,000 points, 83 at 500): its cost (it visits every point) is spread over those readings and is
 * part of the figure. Closing an hour (once per point per hour, when its first reading of the next hour arrives) is
 * too.
 *
 * <p>Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is then the bytes allocated per reading. The figures
 * include building the {@link Reading} itself (its value map and the copy the record makes);
 * {@link #buildReadingOnly} measures that alone, to subtract.
 *
 * <p><b>Set-up is capped.</b> It feeds up to {@code points × 60 × warmHours} readings (7.8 million at 5,000 points)
 * before the first measurement, but stops after {@code warmBudgetSeconds} (60 s). With the engine of commit e7ed8b2
 * that is not enough: every hour close (a point's first reading 1 h 5 min after the hour's start) costs a burst,
 * 10–13 s at 500 stations and 42–45 s at 1,000, nearly all of it in {@code HeavyPollutionRule}'s district AQI over
 * every air station, recomputed as each station's new hour record arrives; 5,000 stations would take hours. The
 * windows then hold less than 26 h, and the figure is not the steady state. The printed {@code # set-up} line says
 * how far the feed got and flags a short one; allow more with {@code -p warmBudgetSeconds=3600}, or ask for fewer
 * hours with {@code -p warmHours=6}.
 *
 * <p>Because of that burst, an iteration's average depends on how much of an hour of the stream it covers: a short
 * one that lands in a burst reports the burst alone. Iterations longer than an hour of the stream takes ({@code -w
 * 20s -r 30s} at 500 stations) give the hourly average, as do the set-up line's µs/reading (over several hours) and
 * {@link EngineHeapPerPoint}'s CPU per reading.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AlertEngineBenchmark {

    /** An engine fed towards its steady state. */
    @State(Scope.Thread)
    public static class WarmEngine {

        @Param({"500", "5000"})
        public int points;

        @Param({"26"})
        public int warmHours;

        /** Set-up stops feeding after this long, even short of {@code warmHours}. */
        @Param({"60"})
        public int warmBudgetSeconds;

        EngineDriver driver;

        @Setup
        public void warm() {
            driver = new EngineDriver(SyntheticDistrict.air(points));
            long started = System.nanoTime();
            long readings = driver.feedHours(warmHours, Duration.ofSeconds(warmBudgetSeconds));
            double seconds = (System.nanoTime() - started) / 1e9;
            long asked = points * 60L * warmHours;
            EngineStats stats = driver.engine().stats();
            System.out.printf(Locale.ROOT, "%n# set-up: %d air stations, %.2f h of minute readings (%,d readings) fed in"
                            + " %.1f s, %.1f µs/reading%s; onTick every %d readings; engine stats: %,d retained readings;"
                            + " besides AQI records %s, %d open alerts%n",
                    points, readings / 60.0 / points, readings, seconds, readings == 0 ? 0 : seconds * 1e6 / readings,
                    readings < asked ? "; SHORT of the " + warmHours + " h asked: the " + warmBudgetSeconds
                            + " s budget ran out, this is not the steady state" : "",
                    driver.tickEvery(), stats.retainedReadings(), driver.surprises(), stats.openAlerts());
        }
    }

    /** Only the reading stream, for the baseline. */
    @State(Scope.Thread)
    public static class FeedOnly {

        @Param({"500", "5000"})
        public int points;

        MinuteFeed feed;

        @Setup
        public void setUp() {
            feed = new MinuteFeed(SyntheticDistrict.air(points).points(), EngineDriver.START);
        }
    }

    /** One reading into the engine (and, every {@code points × 10 / 60} readings, one tick). */
    @Benchmark
    public void onReading(WarmEngine state, Blackhole bh) {
        bh.consume(state.driver.onReading());
        bh.consume(state.driver.tickIfDue());
    }

    /** Baseline: building the next reading, without the engine. */
    @Benchmark
    public Reading buildReadingOnly(FeedOnly state) {
        return state.feed.next();
    }
}
