package io.envmon.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** hj212.md §4 and §8.6. */
class DataRegionCodecTest {

    private static final ZoneId BEIJING = Hj212Config.DEFAULT_ZONE;

    private static DataRegion strict(String cp) {
        return DataRegionCodec.parse(cp, BEIJING, new ParseContext(ParseMode.STRICT));
    }

    private static Map<String, String> values(DataRegion r, String code) {
        return r.pollutant(code).orElseThrow(() -> new AssertionError("no " + code + " in " + r)).values();
    }

    @Test
    void section8_6Example() {
        DataRegion r = strict("DataTime=20160801070000;"
                + "w01018-SampleTime=20160801070000,w01018-Rtd=2.2,w01018-Flag=N,w01018-EFlag=A01");
        assertEquals(1, r.pollutants().size());
        assertEquals(Map.of("SampleTime", "20160801070000", "Rtd", "2.2", "Flag", "N", "EFlag", "A01"),
                values(r, "w01018"));
        assertEquals("20160801070000", r.field("DataTime"));
        assertEquals(Instant.parse("2016-08-01T07:00:00+08:00"), r.dataTime());
    }

    @Test
    void fieldsOfACodeInAnyOrderAndAcrossGroups() {
        DataRegion r = strict("DataTime=20160801070000;l01001-Flag=N,l01001-Rtd=119.9;a01001-Rtd=1;l01001-Max=120");
        assertEquals(List.of("Flag", "Rtd", "Max"), List.copyOf(values(r, "l01001").keySet()));
        assertEquals(List.of("l01001", "a01001"), r.pollutants().stream().map(PollutantValues::code).toList());
    }

    @Test
    void emptyNegativeAndLongValues() {
        DataRegion r = strict("a01013-SampleTime=,a01013-Avg=-123.07,a01013-Max=235.292750833832");
        PollutantValues p = r.pollutant("a01013").orElseThrow();
        assertEquals("", p.value("SampleTime"));
        assertEquals(new BigDecimal("-123.07"), p.decimal("Avg").orElseThrow());
        assertEquals("235.292750833832", p.value("Max"));
        assertTrue(p.decimal("SampleTime").isEmpty());
        assertTrue(p.decimal("Min").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DataTime=20160801070000;a34004-Rtd=35;",
        "DataTime=20160801070000;a34004-Rtd=35;;",
        "DataTime=20160801070000;;a34004-Rtd=35",
        " DataTime=20160801070000 ; a34004-Rtd=35 ",
        "DataTime=20160801070000,a34004-Rtd=35",
    })
    void trailingAndEmptyItemsAndSpaces(String cp) {
        DataRegion r = strict(cp);
        assertEquals("35", r.pollutant("a34004").orElseThrow().rtd());
        assertEquals("20160801070000", r.field("DataTime"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void emptyRegion(String cp) {
        DataRegion r = strict(cp);
        assertEquals(DataRegion.EMPTY, r);
    }

    @Test
    void infoTextMayHoldSeparators() {
        DataRegion r = strict("DataTime=20160801070000;i11001-Info=//仪器;故障,code=3 http://x//;i12001-Info=1,"
                + "i12003-Info=//a//");
        assertEquals("仪器;故障,code=3 http://x", values(r, "i11001").get("Info"));
        assertEquals("1", values(r, "i12001").get("Info"));
        assertEquals("a", values(r, "i12003").get("Info"));
    }

    @Test
    void infoTextEndingInASlash() {
        assertEquals("a/", values(strict("i11001-Info=//a///;x-Rtd=1"), "i11001").get("Info"));
    }

    @Test
    void codeIsSplitAtTheLastDash() {
        DataRegion r = strict("Nh3-scr-Rtd=1.5,100000-Ia=3");
        assertEquals("1.5", values(r, "Nh3-scr").get("Rtd"));
        assertEquals("3", values(r, "100000").get("Ia"));
    }

    @Test
    void facilityStateAndUnknownCodesAreKept() {
        DataRegion r = strict("DataTime=20160801070000;SB1-RS=1;SB2-RT=23.5;ele01-Rtd=3;a99999-Rtd=4;O3-Rtd=90");
        assertEquals("1", values(r, "SB1").get(PollutantValues.RS));
        assertEquals("23.5", values(r, "SB2").get(PollutantValues.RT));
        assertEquals(List.of("SB1", "SB2", "ele01", "a99999", "O3"),
                r.pollutants().stream().map(PollutantValues::code).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BeginTime=20160801000000,EndTime=20160801235959",
        "BeginTime=20160801000000;EndTime=20160801235959"})
    void beginAndEndTimeWithEitherSeparator(String cp) {
        DataRegion r = strict(cp);
        assertEquals("20160801000000", r.field("BeginTime"));
        assertEquals("20160801235959", r.field("EndTime"));
        assertNull(r.dataTime());
    }

    @Test
    void repliesOf2005CarryQnAndCnInTheRegion() {
        DataRegion r = strict("QN=20040516010101001;CN=2011");
        assertEquals("20040516010101001", r.field("QN"));
        assertEquals("2011", r.field("CN"));
    }

    @Test
    void duplicateFieldsKeepTheFirstWithANote() {
        ParseContext ctx = new ParseContext(ParseMode.STRICT);
        DataRegion r = DataRegionCodec.parse("a34004-Rtd=1,a34004-Rtd=2;PolId=a;PolId=b", BEIJING, ctx);
        assertEquals("1", r.pollutant("a34004").orElseThrow().rtd());
        assertEquals("a", r.field("PolId"));
        assertEquals(2, ctx.warnings().size());
    }

    @Test
    void millisecondDataTimeOnlyInLenientMode() {
        assertThrows(FrameFormatException.class, () -> strict("DataTime=20160801070000123"));
        ParseContext ctx = new ParseContext(ParseMode.LENIENT);
        DataRegion r = DataRegionCodec.parse("DataTime=20160801070000123", BEIJING, ctx);
        assertEquals(Instant.parse("2016-08-01T07:00:00.123+08:00"), r.dataTime());
        assertEquals(LocalDateTime.of(2016, 8, 1, 7, 0, 0, 123_000_000), r.localDataTime().orElseThrow());
    }

    @Test
    void dataTimeInAnotherZone() {
        DataRegion r = DataRegionCodec.parse("DataTime=20160801070000", ZoneOffset.UTC,
                new ParseContext(ParseMode.STRICT));
        assertEquals(Instant.parse("2016-08-01T07:00:00Z"), r.dataTime());
    }

    @Test
    void encodesAnUploadRegion() {
        String cp = DataRegionCodec.encode(Instant.parse("2016-08-01T00:58:57Z"), BEIJING, List.of(
                new PollutantValues("a34004", Map.of("Rtd", "35")),
                new PollutantValues("i11001", Map.of("Info", "a;b"))));
        assertEquals("DataTime=20160801085857;a34004-Rtd=35;i11001-Info=//a;b//", cp);
    }

    @Test
    void encodeThenParseGivesTheSameRegion() {
        DataRegion original = strict("DataTime=20160801070000;a34004-Rtd=35,a34004-Flag=N;SB1-RS=1;"
                + "i11001-Info=//x,y//;PolId=a34004");
        DataRegion again = strict(DataRegionCodec.encode(original, BEIJING));
        assertEquals(original, again);
    }

    @Test
    void mergesSplitRegionsFirstValueWins() {
        DataRegion a = strict("DataTime=20160801070000;a21026-Avg=1;a21002-Avg=2");
        DataRegion b = strict("DataTime=20160801070000;a21002-Max=3;a19001-Avg=9.5;a21026-Avg=7");
        DataRegion m = DataRegion.merge(List.of(a, b));
        assertEquals(List.of("a21026", "a21002", "a19001"), m.pollutants().stream().map(PollutantValues::code).toList());
        assertEquals(Map.of("Avg", "2", "Max", "3"), values(m, "a21002"));
        assertEquals("1", values(m, "a21026").get("Avg"));
        assertEquals(a.dataTime(), m.dataTime());
    }
}
