package io.envmon.alerts.report;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A calendar month or year of natural days (Beijing time), {@code [start, end)}.
 *
 * @param label {@code 2026-11} or {@code 2026}
 */
public record AirPeriod(String label, LocalDate start, LocalDate end, boolean annual) {

    public AirPeriod {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public static AirPeriod month(YearMonth month) {
        return new AirPeriod(month.toString(), month.atDay(1), month.plusMonths(1).atDay(1), false);
    }

    public static AirPeriod year(int year) {
        return new AirPeriod(String.valueOf(year), LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), true);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end);
    }

    /**
     * The daily values a mean over the period needs to be valid (GB 3095 Table 4, standards.md §2.2 and §9.5): a
     * year 324; a month 27, February 25 (the "per month" clause of the annual rule, ◐ for a monthly value).
     */
    public int minValidDays() {
        if (annual) {
            return 324;
        }
        return start.getMonth() == Month.FEBRUARY ? 25 : 27;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }
}
