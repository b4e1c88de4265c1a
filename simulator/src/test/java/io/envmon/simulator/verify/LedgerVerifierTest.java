package io.envmon.simulator.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envmon.simulator.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** verify's report logic over a fake InfluxDB. */
class LedgerVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> queries = new ArrayList<>();

    private static Ledger ledger(Map<String, Long> rejections, List<Ledger.AlertEntry> alerts) {
        return new Ledger(1, "replay", List.of("bad-input"), "env", "PT1M", "2026-11-19T16:00:00Z", "2026-11-19T18:59:00Z",
                "2026-11-28T02:00:00Z", "2026-11-28T02:00:05Z", new Ledger.Totals(364, 360, 358, 4, 364, 0, 0),
                List.of(new Ledger.PointEntry("TG-A01", "air", Map.of("station", "TG-A01"), 180, 180, 2, 0, 0,
                                "2026-11-19T16:00:00Z", "2026-11-19T18:59:00Z"),
                        new Ledger.PointEntry("E001/DW001", "emission", Map.of("enterprise", "E001", "outlet", "DW001"),
                                180, 180, 0, 0, 0, "2026-11-19T16:00:00Z", "2026-11-19T18:59:00Z")),
                rejections, alerts);
    }

    /** Answers count queries with canned series; {@code airCount} for TG-A01, {@code emissionCount} for E001/DW001. */
    private InfluxQuery fake(long airCount, long emissionCount, String rejected, String alerts) {
        return q -> {
            queries.add(q);
            String series;
            if (q.contains("FROM \"air\"")) {
                series = "[{\"name\":\"air\",\"tags\":{\"station\":\"TG-A01\"},\"columns\":[\"time\",\"count_pm25\",\"count_pm25_flag\"],"
                        + "\"values\":[[0," + airCount + ",3]]}]";
            } else if (q.contains("FROM \"emission\"")) {
                series = "[{\"name\":\"emission\",\"tags\":{\"enterprise\":\"E001\",\"outlet\":\"DW001\"},\"columns\":[\"time\",\"count_cod\"],"
                        + "\"values\":[[0," + emissionCount + "]]}]";
            } else if (q.contains("FROM \"rejected\"")) {
                series = rejected;
            } else {
                series = alerts;
            }
            return read("{\"results\":[{\"statement_id\":0,\"series\":" + series + "}]}");
        };
    }

    private static String rejected(String reason, long n) {
        return "{\"name\":\"rejected\",\"tags\":{\"reason\":\"" + reason + "\"},\"columns\":[\"time\",\"count\"],\"values\":[[0," + n + "]]}";
    }

    private static String alert(String severity) {
        return "[{\"name\":\"alert\",\"tags\":{\"kind\":\"enterprise\",\"site\":\"E001\",\"rule\":\"permit_limit\",\"severity\":\""
                + severity + "\"},\"columns\":[\"time\",\"count\"],\"values\":[[0,2]]}]";
    }

    @Test
    void everythingStoredRejectedAndAlertedIsOk() throws Exception {
        Ledger l = ledger(Map.of("malformed", 2L, "out_of_range", 2L),
                List.of(new Ledger.AlertEntry("enterprise", "E001", "permit_limit", "critical")));
        VerifyReport r = new LedgerVerifier(fake(178, 180, "[" + rejected("malformed", 2) + "," + rejected("out_of_range", 2) + "]",
                alert("critical"))).verify(l);
        assertTrue(r.ok(), r.format());
        assertEquals(358, r.stored());
        assertEquals(0, r.missing());
        assertTrue(r.format().contains("RESULT: OK"));
        assertTrue(queries.get(0).startsWith("SELECT count(*) FROM \"air\" WHERE time >= " + java.time.Instant.parse("2026-11-19T16:00:00Z").toEpochMilli() + "ms AND time <= " + java.time.Instant.parse("2026-11-19T18:59:00Z").toEpochMilli() + "ms GROUP BY \"station\""),
                queries.get(0));
        assertTrue(queries.stream().anyMatch(q -> q.contains("GROUP BY \"enterprise\",\"outlet\"")));
    }

    @Test
    void missingReadingsMismatchedRejectionsAndWeakAlertsFail() throws Exception {
        Ledger l = ledger(Map.of("malformed", 2L),
                List.of(new Ledger.AlertEntry("enterprise", "E001", "permit_limit", "critical")));
        VerifyReport r = new LedgerVerifier(fake(170, 0, "[" + rejected("malformed", 1) + "," + rejected("bad_topic", 1) + "]",
                alert("warning"))).verify(l);
        assertFalse(r.ok());
        assertEquals(8 + 180, r.missing());
        assertEquals(new VerifyReport.Rejections(2, 1, -1), r.rejections().get("malformed"));
        assertEquals(new VerifyReport.Rejections(0, 1, -1), r.rejections().get("bad_topic"));
        assertEquals("warning", r.alerts().get(0).found());
        assertFalse(r.alerts().get(0).met());
        String text = r.format();
        assertTrue(text.contains("E001/DW001") && text.contains("MISMATCH") && text.contains("MISSING")
                && text.contains("RESULT: FAILED"), text);
    }

    @Test
    void deadLettersSeenByTheRunMustMatchTheExpectedRejectionsToo() throws Exception {
        Ledger watched = ledger(Map.of("malformed", 2L), List.of()).withDeadLetters(Map.of("malformed", 2L));
        VerifyReport ok = new LedgerVerifier(fake(178, 180, "[" + rejected("malformed", 2) + "]", "[]")).verify(watched);
        assertTrue(ok.ok(), ok.format());
        assertTrue(ok.format().contains("dead-lettered     2  ok"), ok.format());

        Ledger short1 = ledger(Map.of("malformed", 2L), List.of()).withDeadLetters(Map.of("malformed", 1L, "bad_topic", 1L));
        VerifyReport r = new LedgerVerifier(fake(178, 180, "[" + rejected("malformed", 2) + "]", "[]")).verify(short1);
        assertFalse(r.ok(), r.format());
        assertEquals(new VerifyReport.Rejections(2, 2, 1), r.rejections().get("malformed"));
        assertEquals(new VerifyReport.Rejections(0, 0, 1), r.rejections().get("bad_topic"));
    }

    @Test
    void readingsStampedLikeAnEarlierOneAreExpectedOnceNotTwice() throws Exception {
        Ledger l = new Ledger(1, "replay", List.of(), "env", "PT1M", "2026-11-19T16:00:00Z", "2026-11-19T18:59:00Z",
                null, null, new Ledger.Totals(180, 180, 160, 0, 180, 0, 0),
                List.of(new Ledger.PointEntry("TG-A01", "air", Map.of("station", "TG-A01"), 180, 180, 0, 20, 0,
                        "2026-11-19T16:00:00Z", "2026-11-19T18:59:00Z")), Map.of(), List.of());
        VerifyReport r = new LedgerVerifier(fake(160, 0, "[]", "[]")).verify(l);
        assertEquals(0, r.missing(), r.format());
        assertEquals(160, r.expectedStored());
    }

    @Test
    void moreStoredThanExpectedIsExtraNotMissing() throws Exception {
        VerifyReport r = new LedgerVerifier(fake(180, 180, "[]", "[]")).verify(ledger(Map.of(), List.of()));
        assertEquals(0, r.missing());
        assertEquals(2, r.extra());
        assertTrue(r.ok());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
