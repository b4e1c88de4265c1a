package io.envmon.simulator.values;

import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Outlet;
import java.time.DayOfWeek;
import java.time.Instant;

/**
 * When an enterprise's process runs and how hard, hour by hour (China Standard Time), as a pure function of the
 * enterprise's seed and the hour: its industry's working pattern, plus maintenance stops of a day or two. All
 * outlets of an enterprise share the stops (the seed is the enterprise's), so a plant goes quiet as a whole.
 */
final class ProductionSchedule {

    /** How an industry works through the day and the week; {@link #load} is 0 when the process is off. */
    enum Pattern {
        /** Malleable-iron foundries: two shifts 07–23 Monday to Friday, one shift (70 %) on Saturday. */
        TWO_SHIFTS {
            @Override
            double load(int hour, DayOfWeek day, boolean heatingSeason) {
                if (day == DayOfWeek.SATURDAY) {
                    return hour >= 7 && hour < 15 ? 0.7 : 0;
                }
                return day != DayOfWeek.SUNDAY && hour >= 7 && hour < 23 ? 1 : 0;
            }
        },
        /** Crushing and forming at brick works: 08–17 Monday to Saturday, slow over lunch. */
        DAY_SHIFT {
            @Override
            double load(int hour, DayOfWeek day, boolean heatingSeason) {
                if (day == DayOfWeek.SUNDAY || hour < 8 || hour >= 17) {
                    return 0;
                }
                return hour == 12 ? 0.4 : 1;
            }
        },
        /** Carbon roasting and calcining, tunnel kilns: around the clock, a little slower at weekends. */
        CONTINUOUS {
            @Override
            double load(int hour, DayOfWeek day, boolean heatingSeason) {
                return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 0.9 : 1;
            }
        },
        /** A heating company's boilers: the heating season only (the model scales by heat demand). */
        HEATING {
            @Override
            double load(int hour, DayOfWeek day, boolean heatingSeason) {
                return heatingSeason ? 1 : 0;
            }
        },
        /** A factory's boiler: heating in season, process steam on day shifts (07–19, Monday–Saturday) otherwise. */
        HEATING_AND_PROCESS {
            @Override
            double load(int hour, DayOfWeek day, boolean heatingSeason) {
                if (heatingSeason) {
                    return 1;
                }
                return day != DayOfWeek.SUNDAY && hour >= 7 && hour < 19 ? 0.6 : 0;
            }
        },
        /** A sewage plant: never stops, follows the town (see {@link WastewaterModel}). */
        TOWN {
            @Override
            double load(int hour, DayOfWeek day, boolean heatingSeason) {
                return 1;
            }
        };

        abstract double load(int hour, DayOfWeek day, boolean heatingSeason);

        boolean heats() {
            return this == HEATING || this == HEATING_AND_PROCESS;
        }
    }

    /** Maintenance: every {@value #BLOCK_DAYS} days a stop with this probability, starting at 08:00 on a seeded day. */
    private static final int BLOCK_DAYS = 21;
    private static final double STOP_PROBABILITY = 0.6;
    private static final int MIN_STOP_HOURS = 24;
    private static final int MAX_STOP_HOURS = 48;
    /** Local 08:00 is 00:00 UTC: a stop on local day d starts at epoch hour 24 d. */
    private static final int UTC_OFFSET_HOURS = 8;

    /** How far back a stopped process looks for when it stopped (a stack has cooled after that). */
    static final int LOOK_BACK_HOURS = 12;
    /** How far back a running process looks for its start (start-up effects are over after that). */
    static final int START_UP_HOURS = 4;
    /** Beyond this a stop counts as long: the plant is cold either way. */
    static final int LONG_STOP_HOURS = 72;

    private final Pattern pattern;
    private final long seed;

    ProductionSchedule(Pattern pattern, long seed) {
        this.pattern = pattern;
        this.seed = seed;
    }

    /** The pattern of an outlet: by the enterprise's industry, and for brick works by what the outlet serves. */
    static Pattern patternOf(Enterprise enterprise, Outlet outlet) {
        boolean combustion = outlet.conversionO2() != null || outlet.limits().containsKey("so2")
                || outlet.limits().containsKey("nox");
        String industry = enterprise.industry() == null ? "" : enterprise.industry();
        return switch (industry) {
            case "foundry" -> Pattern.TWO_SHIFTS;
            case "brick_kiln" -> combustion ? Pattern.CONTINUOUS : Pattern.DAY_SHIFT;
            case "boiler" -> heatingCompany(enterprise.name()) ? Pattern.HEATING : Pattern.HEATING_AND_PROCESS;
            case "sewage_plant" -> Pattern.TOWN;
            default -> Pattern.CONTINUOUS;
        };
    }

    /** 热力 / 供热 companies only heat; the others (textiles, food, brewing) also raise process steam. */
    private static boolean heatingCompany(String name) {
        return name != null && (name.contains("热力") || name.contains("供热"));
    }

    Pattern pattern() {
        return pattern;
    }

    /** The planned load of the hour starting at {@code epochHour}: 0 when the process is off or stopped. */
    double load(long epochHour) {
        if (inMaintenance(epochHour)) {
            return 0;
        }
        long localHours = epochHour + UTC_OFFSET_HOURS;
        // 1970-01-01 was a Thursday
        DayOfWeek day = DayOfWeek.of((int) Math.floorMod(Math.floorDiv(localHours, 24) + 3, 7) + 1);
        return pattern.load((int) Math.floorMod(localHours, 24), day, pattern.heats() && heatingSeason(epochHour));
    }

    boolean inMaintenance(long epochHour) {
        if (pattern == Pattern.TOWN) {
            return false;
        }
        long localDay = Math.floorDiv(epochHour + UTC_OFFSET_HOURS, 24);
        long block = Math.floorDiv(localDay, BLOCK_DAYS);
        if (Seeds.uniform(Seeds.of(seed, block, 0)) >= STOP_PROBABILITY) {
            return false;
        }
        long startDay = block * BLOCK_DAYS + 1 + (long) (Seeds.uniform(Seeds.of(seed, block, 1)) * (BLOCK_DAYS - 4));
        long start = startDay * 24;
        long end = start + MIN_STOP_HOURS
                + (long) (Seeds.uniform(Seeds.of(seed, block, 2)) * (MAX_STOP_HOURS - MIN_STOP_HOURS + 1));
        // heat must be supplied: boilers are serviced outside the heating season
        if (pattern.heats() && (heatingSeason(start) || heatingSeason(end))) {
            return false;
        }
        return epochHour >= start && epochHour < end;
    }

    /**
     * Where the process stands at the start of an hour: its planned load, how many whole hours it has been in its
     * current state (counted up to {@value #START_UP_HOURS} when running, {@value #LOOK_BACK_HOURS} when off), and
     * for a process that started less than {@value #START_UP_HOURS} h ago, how long it had been off before (up to
     * {@value #LONG_STOP_HOURS} h).
     */
    record Phase(double load, int hoursInState, int offHoursBefore) {

        boolean running() {
            return load > 0;
        }
    }

    Phase phase(long epochHour) {
        double load = load(epochHour);
        boolean running = load > 0;
        int cap = running ? START_UP_HOURS : LOOK_BACK_HOURS;
        int inState = 0;
        while (inState < cap && (load(epochHour - inState - 1) > 0) == running) {
            inState++;
        }
        int offBefore = 0;
        if (running && inState < START_UP_HOURS) {
            long stopped = epochHour - inState - 1;
            while (offBefore < LONG_STOP_HOURS && load(stopped - offBefore) == 0) {
                offBefore++;
            }
        }
        return new Phase(load, inState, offBefore);
    }

    private static boolean heatingSeason(long epochHour) {
        return ChinaTime.heatingSeason(Instant.ofEpochSecond(epochHour * 3600));
    }
}
