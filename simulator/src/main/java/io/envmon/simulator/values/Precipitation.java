package io.envmon.simulator.values;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Rain over the district as seeded events, a pure function of time (the run's seed only), so that every station
 * and section sees the same showers whatever it is asked and when.
 *
 * <p>Taigu gets ≈ 450 mm a year, two thirds of it June–September. Each 12-hour slot holds at most one event
 * starting in it: probability 3 % in mid-winter rising to 28 % in mid-summer, × 0.5 in a stagnant spell up to
 * × 1.5 when a front passes. An event lasts 1.5–7.5 h; its mean rate is exponentially distributed around
 * 0.3 mm/h in winter (light snow) to 1.3 mm/h in summer, peaking mid-event.
 */
final class Precipitation {

    static final Duration SLOT = Duration.ofHours(12);
    private static final long SLOT_MILLIS = SLOT.toMillis();
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final double MAX_EVENT_HOURS = 7.5;
    /** How long scavenged particles take to come back: PM recovers over about half a day after rain. */
    private static final double WASHOUT_RECOVERY_HOURS = 10;
    /** Rain needed to scavenge most of what a shower can: 1 − e^(−depth / 1.5 mm). */
    private static final double WASHOUT_DEPTH_MM = 1.5;
    /** Rain soaked up by dry ground before anything runs off into the rivers. */
    private static final double INITIAL_LOSS_MM = 2;
    private static final double RUNOFF_MEMORY_HOURS = 96;

    private final long seed;
    private final ToDoubleFunction<Instant> stagnation;

    /** @param stagnation the synoptic state at an instant (−1 front … 1 stagnant), which makes rain likelier or rarer */
    Precipitation(long seed, ToDoubleFunction<Instant> stagnation) {
        this.seed = seed;
        this.stagnation = stagnation;
    }

    /** One shower: its mean rate in mm/h over [start, end). */
    record RainEvent(Instant start, Instant end, double meanRate) {

        double hours() {
            return (end.toEpochMilli() - start.toEpochMilli()) / (double) HOUR_MILLIS;
        }

        double depth() {
            return meanRate * hours();
        }

        /** Where in the event ts is: 0 at the start, 1 at the end. */
        private double progress(Instant ts) {
            return DistrictWeather.clamp((ts.toEpochMilli() - start.toEpochMilli()) / (hours() * HOUR_MILLIS), 0, 1);
        }

        /** mm/h: a half sine over the event, averaging the mean rate. */
        double rateAt(Instant ts) {
            boolean during = !ts.isBefore(start) && ts.isBefore(end);
            return during ? meanRate * Math.PI / 2 * Math.sin(Math.PI * progress(ts)) : 0;
        }

        /** mm fallen from the start up to ts. */
        double fallenBy(Instant ts) {
            return depth() * (1 - Math.cos(Math.PI * progress(ts))) / 2;
        }

        double hoursAfterEnd(Instant ts) {
            return (ts.toEpochMilli() - end.toEpochMilli()) / (double) HOUR_MILLIS;
        }
    }

    /**
     * Rain now and what lingers: {@code washout} 0 … 1 is how much of the scavenging of the latest showers still
     * holds (builds with the rain fallen, fades over ≈ 10 h after it stops); {@code cloud} 0 … 1 is the overcast
     * around a shower (from ≈ 1.5 h before to a few hours after it).
     */
    record State(double rate, double washout, double cloud) {
        static final State DRY = new State(0, 0, 0);
    }

    State at(Instant ts) {
        double rate = 0;
        double washout = 0;
        double cloud = 0;
        for (RainEvent e : events(ts.minus(Duration.ofHours(48)), ts.plus(Duration.ofHours(6)))) {
            rate += e.rateAt(ts);
            double after = e.hoursAfterEnd(ts);
            double scavenged = 1 - Math.exp(-e.fallenBy(ts) / WASHOUT_DEPTH_MM);
            washout = Math.max(washout, after <= 0 ? scavenged : scavenged * Math.exp(-after / WASHOUT_RECOVERY_HOURS));
            double before = (e.start().toEpochMilli() - ts.toEpochMilli()) / (double) HOUR_MILLIS;
            cloud = Math.max(cloud, before > 0 ? Math.exp(-before / 1.5) : after > 0 ? Math.exp(-after / 3) : 1);
        }
        return new State(rate, washout, cloud);
    }

    /**
     * How much rain is reaching a river section now, in mm of effective rain: each shower's depth beyond the
     * initial loss, routed with a unit hydrograph that peaks {@code lagHours} after the shower's middle and has
     * mostly passed a day later; saturating towards 20 mm (a flood does not keep scaling concentrations).
     */
    double runoff(Instant ts, double lagHours) {
        double sum = 0;
        for (RainEvent e : events(ts.minus(Duration.ofHours((long) RUNOFF_MEMORY_HOURS)), ts)) {
            double effective = e.depth() - INITIAL_LOSS_MM;
            double middle = (e.start().toEpochMilli() + e.end().toEpochMilli()) / 2.0;
            double tau = (ts.toEpochMilli() - middle) / HOUR_MILLIS / lagHours;
            if (effective > 0 && tau > 0) {
                sum += effective * tau * Math.exp(1 - tau);
            }
        }
        return 20 * (1 - Math.exp(-sum / 20));
    }

    /** The events that overlap [from, to]. */
    List<RainEvent> events(Instant from, Instant to) {
        List<RainEvent> out = new ArrayList<>();
        long first = Math.floorDiv(from.toEpochMilli() - (long) (MAX_EVENT_HOURS * HOUR_MILLIS), SLOT_MILLIS);
        long last = Math.floorDiv(to.toEpochMilli(), SLOT_MILLIS);
        for (long slot = first; slot <= last; slot++) {
            RainEvent e = eventOfSlot(slot);
            if (e != null && e.end().isAfter(from) && !e.start().isAfter(to)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The shower starting in this slot, or {@code null}. */
    private RainEvent eventOfSlot(long slot) {
        Instant slotStart = Instant.ofEpochMilli(slot * SLOT_MILLIS);
        Instant middle = slotStart.plus(SLOT.dividedBy(2));
        double summer = 1 - ChinaTime.winterness(middle);
        double frontness = (1 - stagnation.applyAsDouble(middle)) / 2;
        double probability = (0.03 + 0.25 * summer * summer) * (0.5 + frontness);
        if (Seeds.uniform(Seeds.of(seed, slot, 0)) >= probability) {
            return null;
        }
        long startMinute = (long) (Seeds.uniform(Seeds.of(seed, slot, 1)) * SLOT.toMinutes());
        double hours = 1.5 + (MAX_EVENT_HOURS - 1.5) * Seeds.uniform(Seeds.of(seed, slot, 2));
        double meanRate = (0.3 + 1.0 * summer) * -Math.log(1 - Seeds.uniform(Seeds.of(seed, slot, 3)));
        Instant start = slotStart.plus(Duration.ofMinutes(startMinute));
        return new RainEvent(start, start.plus(Duration.ofMinutes(Math.round(hours * 60))),
                DistrictWeather.clamp(meanRate, 0.1, 30));
    }
}
