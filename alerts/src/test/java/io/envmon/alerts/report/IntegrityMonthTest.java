package io.envmon.alerts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monthly integrity view: counts and hours per outlet and pattern, clipped to the Beijing-time month. */
class IntegrityMonthTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    /** 2026-11-01 00:00 Beijing time. */
    private static final Instant START = Instant.parse("2026-10-31T16:00:00Z");

    private static AlertEvent event(String id, String site, String point, String rule, AlertState state,
                                    String startedAt, String ts) {
        return new AlertEvent(id, "enterprise", site, point, rule, Severity.WARNING, state, null, null, null, "",
                "1h", Instant.parse(startedAt), Instant.parse(ts), "m", null, null);
    }

    @Test
    void countsAlertsAndHoursPerOutletAndPatternWithinTheMonth() {
        List<AlertEvent> events = List.of(
                // 12 h parked, inside the month: open and resolved
                event("a", "E003", "DA001", "integrity_parked_under_limit", AlertState.OPEN, "2026-11-10T02:00:00Z",
                        "2026-11-10T14:00:00Z"),
                event("a", "E003", "DA001", "integrity_parked_under_limit", AlertState.RESOLVED,
                        "2026-11-10T02:00:00Z", "2026-11-10T14:00:00Z"),
                // a second pollutant parked over 6 of the same hours: the outlet's hours count once
                event("b", "E003", "DA001", "integrity_parked_under_limit", AlertState.RESOLVED,
                        "2026-11-10T08:00:00Z", "2026-11-10T14:00:00Z"),
                // dilution started 2 h before the month: only its hours in the month count
                event("c", "E003", "DA001", "integrity_dilution", AlertState.RESOLVED, "2026-10-31T14:00:00Z",
                        "2026-10-31T19:00:00Z"),
                // still open at the month's end: covered to the end
                event("d", "E004", "DA001", "integrity_flag_misuse", AlertState.OPEN, "2026-11-30T14:00:00Z",
                        "2026-11-30T15:00:00Z"),
                // before the month, and another rule: not counted
                event("e", "E005", "DA001", "integrity_copied_series", AlertState.RESOLVED, "2026-10-20T00:00:00Z",
                        "2026-10-20T05:00:00Z"),
                event("f", "E005", "DA001", "permit_limit", AlertState.OPEN, "2026-11-05T00:00:00Z",
                        "2026-11-05T01:00:00Z"));
        IntegrityMonth.View v = IntegrityMonth.of(NOV, events, Instant.parse("2026-12-05T00:00:00Z"));
        assertEquals(START, v.from());
        assertEquals(2, v.outlets().size());
        IntegrityMonth.OutletMonth e3 = v.outlets().get(0);
        assertEquals("E003", e3.enterprise());
        assertEquals(3, e3.alerts());
        assertEquals(12 + 3, e3.hours());
        assertEquals(Map.of("integrity_parked_under_limit", new IntegrityMonth.Pattern(2, 12),
                "integrity_dilution", new IntegrityMonth.Pattern(1, 3)), e3.patterns());
        IntegrityMonth.OutletMonth e4 = v.outlets().get(1);
        assertEquals(new IntegrityMonth.Pattern(1, 2), e4.patterns().get("integrity_flag_misuse"));
        assertEquals(new IntegrityMonth.Pattern(2, 12), v.totals().get("integrity_parked_under_limit"));
        assertEquals(3, v.totals().size());
    }

    @Test
    void anOpenAlertCountsUpToNowInTheCurrentMonth() {
        IntegrityMonth.View v = IntegrityMonth.of(NOV, List.of(event("a", "E001", "DW001",
                "integrity_impossible_combination", AlertState.OPEN, "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z")),
                Instant.parse("2026-11-20T05:30:00Z"));
        assertEquals(6, v.outlets().get(0).hours());
    }

    /** At equal times the lifecycle orders (resolved last), as AlertRows.HAPPENED reads rows back. */
    @Test
    void anAlertWithdrawnAndRaisedAgainIsOpenAndOneAlert() {
        List<AlertEvent> events = List.of(
                event("a", "E005", "DA001", "integrity_copied_series", AlertState.OPEN, "2026-11-20T00:00:00Z",
                        "2026-11-20T03:00:00Z"),
                event("a", "E005", "DA001", "integrity_copied_series", AlertState.RESOLVED, "2026-11-20T00:00:00Z",
                        "2026-11-20T04:00:00Z"),
                event("a", "E005", "DA001", "integrity_copied_series", AlertState.OPEN, "2026-11-20T00:00:00Z",
                        "2026-11-20T05:00:00Z"));
        IntegrityMonth.View v = IntegrityMonth.of(NOV, events, Instant.parse("2026-11-20T10:00:00Z"));
        assertEquals(new IntegrityMonth.Pattern(1, 10), v.outlets().get(0).patterns().get("integrity_copied_series"));
    }
}
