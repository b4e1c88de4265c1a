package io.envmon.hj212.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.DataKind;
import io.envmon.hj212.DecodeResult;
import io.envmon.hj212.FrameDecoder;
import io.envmon.hj212.FrameEncoder;
import io.envmon.hj212.FrameResult;
import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.Hj212Frame;
import io.envmon.hj212.PollutantValues;
import io.envmon.hj212.mapping.MappingProblem.Kind;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameToReadingsTest {

    private static final Hj212Codec CODEC = new Hj212Codec(Hj212Config.lenient());
    private static final String MN = "010000A8900016F000169DC0";

    private static Hj212Frame parse(String header, String cp) {
        byte[] bytes = FrameEncoder.frame(header + "CP=&&" + cp + "&&");
        DecodeResult r = CODEC.decode(bytes);
        return assertInstanceOf(DecodeResult.Decoded.class, r, r::toString).frame();
    }

    private static Hj212Frame upload(String cn, String cp) {
        return parse("QN=20260106101010001;ST=22;CN=" + cn + ";PW=123456;MN=" + MN + ";Flag=5;", cp);
    }

    private static FrameMapping.Realtime realtime(Hj212Frame f, MappingOptions o) {
        return assertInstanceOf(FrameMapping.Realtime.class, FrameToReadings.map(f, o));
    }

    private static List<String> codes(List<PollutantValues> values) {
        return values.stream().map(PollutantValues::code).toList();
    }

    private static List<Kind> kinds(FrameMapping m) {
        return m.problems().stream().map(MappingProblem::kind).toList();
    }

    @Test
    void airStationRealtime() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;a34004-Rtd=35.2,a34004-Flag=N;"
                + "a34002-Rtd=61,a34002-Flag=M;a05024-Rtd=120;a01006-Rtd=92.1;a21005-Rtd=0.8;"
                + "a99999-Rtd=1;i12001-Info=0;a01014-Rtd=3");
        FrameMapping.Realtime m = realtime(f, MappingOptions.of(PointType.AIR_STATION));
        Reading r = m.reading().orElseThrow();
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), r.ts(), "DataTime is Beijing time");
        assertEquals(Map.of("pm25", 35.2, "pm10", 61.0, "o3", 120.0, "pressure", 921.0, "co", 0.8), r.values());
        assertEquals(List.of("pm25", "pm10", "o3", "pressure", "co"), List.copyOf(r.values().keySet()));
        assertEquals(Map.of("pm10", "M"), r.flags());
        assertEquals(List.of("a99999", "i12001", "a01014"), codes(m.unmapped()), "kept, not dropped");
        assertEquals(List.of(), m.problems());
    }

    @Test
    void perDeviceUnitOverride() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;a34004-Rtd=35200;a21026-Rtd=0.012");
        MappingOptions o = MappingOptions.of(PointType.AIR_STATION)
                .withUnits(UnitOverrides.parse(Map.of("a34004", "ng/m3", "so2", "mg/m3")));
        assertEquals(Map.of("pm25", 35.2, "so2", 12.0), realtime(f, o).reading().orElseThrow().values());
    }

    @Test
    void deviceZone() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;a34004-Rtd=35");
        MappingOptions o = MappingOptions.of(PointType.AIR_STATION).withZone(ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-11-28T08:00:00Z"), realtime(f, o).reading().orElseThrow().ts());
    }

    @Test
    void stackOf2005WithOldFlags() {
        Hj212Frame f = parse("ST=31;CN=2011;PW=123456;MN=88888880000001;",
                "DataTime=20040516020111;01-Rtd=12.5,01-Flag=N;02-Rtd=35,02-Flag=P;03-Rtd=80,03-Flag=C;"
                        + "S01-Rtd=9.1;B02-Rtd=10;S03-Rtd=85;04-Rtd=3");
        FrameMapping.Realtime m = realtime(f, MappingOptions.of(PointType.STACK));
        Reading r = m.reading().orElseThrow();
        assertEquals(Map.of("particulate", 12.5, "so2", 35.0, "nox", 80.0, "o2", 9.1, "flow", 36000.0, "temp", 85.0),
                r.values());
        assertEquals(Map.of("so2", "D", "nox", "C"), r.flags());
        assertEquals(List.of("04"), codes(m.unmapped()), "CO is not a stack parameter of the contract");
    }

    @Test
    void stackConvertedValues() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;a34013-Rtd=8.1,a34013-ZsRtd=10.2,a34013-Flag=N;"
                + "a19001-Rtd=12");
        FrameMapping.Realtime m = realtime(f, MappingOptions.of(PointType.STACK));
        assertEquals(Map.of("particulate", 8.1, "o2", 12.0), m.reading().orElseThrow().values());
        assertEquals(Map.of("particulate", 10.2), m.converted());
    }

    @Test
    void wastewaterFlowInLitresPerSecond() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;w00000-Rtd=2.5;w01018-Rtd=30.5;w01001-Rtd=7.2");
        assertEquals(Map.of("flow", 9.0, "cod", 30.5, "ph", 7.2),
                realtime(f, MappingOptions.of(PointType.WASTEWATER)).reading().orElseThrow().values());
    }

    @Test
    void waterSection() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;w01009-Rtd=7.5;w01019-Rtd=3.1;w01003-Rtd=12;"
                + "w01014-Rtd=450;w01010-Rtd=12.5");
        assertEquals(Map.of("do", 7.5, "codmn", 3.1, "turbidity", 12.0, "conductivity", 450.0, "temp", 12.5),
                realtime(f, MappingOptions.of(PointType.WATER_SECTION)).reading().orElseThrow().values());
    }

    @Test
    void problemsAreReportedPerCode() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;w01018-Rtd=abc;w21003-Rtd=;w21011-Flag=N;"
                + "w21001-Rtd=5,w21001-Flag=H;w01001-Rtd=7;001-Rtd=7.1");
        FrameMapping.Realtime m = realtime(f, MappingOptions.of(PointType.WASTEWATER));
        assertEquals(Map.of("tn", 5.0, "ph", 7.0), m.reading().orElseThrow().values());
        assertEquals(Map.of("tn", "H"), m.reading().orElseThrow().flags());
        assertEquals(List.of(Kind.NOT_A_NUMBER, Kind.MISSING_VALUE, Kind.MISSING_VALUE, Kind.UNKNOWN_FLAG,
                Kind.DUPLICATE_PARAMETER), kinds(m));
        assertEquals(List.of("w01018", "w21003", "w21011", "001"), codes(m.unmapped()));
    }

    @Test
    void noDataTimeMeansNoReading() {
        FrameMapping.Realtime m = realtime(upload("2011", "a34004-Rtd=35"), MappingOptions.of(PointType.AIR_STATION));
        assertTrue(m.reading().isEmpty());
        assertEquals(List.of(Kind.NO_DATA_TIME), kinds(m));
    }

    @Test
    void unitOverrideOfTheWrongDimension() {
        Hj212Frame f = upload("2011", "DataTime=20261128080000;a34004-Rtd=35");
        MappingOptions o = MappingOptions.of(PointType.AIR_STATION)
                .withUnits(new UnitOverrides(Map.of("pm25", Unit.MG_L)));
        FrameMapping.Realtime m = realtime(f, o);
        assertTrue(m.reading().isEmpty());
        assertEquals(List.of(Kind.UNIT_MISMATCH), kinds(m));
        assertEquals(List.of("a34004"), codes(m.unmapped()));
    }

    @Test
    void hourlyStackData() {
        Hj212Frame f = upload("2061", "DataTime=20261128080000;"
                + "a21026-Avg=25.1,a21026-Min=20,a21026-Max=30.2,a21026-Cou=1.25,a21026-ZsAvg=31.0,a21026-ZsMin=25,"
                + "a21026-ZsMax=37.5,a21026-Flag=N;a00000-Avg=10,a00000-Cou=36000,a00000-Flag=D;SB1-RT=1");
        FrameMapping.Aggregated m = assertInstanceOf(FrameMapping.Aggregated.class,
                FrameToReadings.map(f, MappingOptions.of(PointType.STACK)));
        AggregateRecord rec = m.record().orElseThrow();
        assertEquals(DataKind.HOURLY, rec.kind());
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), rec.periodStart());
        assertEquals(new AggregateValues(25.1, 20.0, 30.2, 1.25, 31.0, 25.0, 37.5, "N"), rec.values().get("so2"));
        AggregateValues flow = rec.values().get("flow");
        assertEquals(36000.0, flow.avg(), "m³/s → m³/h");
        assertEquals(36000.0, flow.cou(), "cumulative amounts are not converted");
        assertNull(flow.min());
        assertEquals("D", flow.flag());
        assertEquals(List.of("SB1"), codes(m.unmapped()));
    }

    @Test
    void minuteAndDailyData() {
        for (String cn : List.of("2051", "2031")) {
            Hj212Frame f = upload(cn, "DataTime=20261128000000;w01018-Avg=20");
            FrameMapping.Aggregated m = assertInstanceOf(FrameMapping.Aggregated.class,
                    FrameToReadings.map(f, MappingOptions.of(PointType.WASTEWATER)));
            assertEquals(DataKind.ofCn(cn).orElseThrow(), m.record().orElseThrow().kind());
        }
    }

    @Test
    void aggregateWithoutStatistics() {
        Hj212Frame f = upload("2061", "DataTime=20261128080000;w01018-Rtd=20");
        FrameMapping.Aggregated m = assertInstanceOf(FrameMapping.Aggregated.class,
                FrameToReadings.map(f, MappingOptions.of(PointType.WASTEWATER)));
        assertTrue(m.record().isEmpty());
        assertEquals(List.of(Kind.MISSING_VALUE), kinds(m));
    }

    @Test
    void framesWithoutMonitoringData() {
        Hj212Frame f = upload("2021", "DataTime=20261128080000;SB1-RS=1;SB2-RS=0");
        FrameMapping.NotData m = assertInstanceOf(FrameMapping.NotData.class,
                FrameToReadings.map(f, MappingOptions.of(PointType.WASTEWATER)));
        assertEquals("2021", m.cn());
        assertEquals(List.of("SB1", "SB2"), codes(m.unmapped()));
    }

    @Test
    void fromBytesOnTheWireToAReading() {
        String frame = new String(FrameEncoder.frame("QN=20261128080000001;ST=22;CN=2011;PW=123456;MN=" + MN
                + ";Flag=5;CP=&&DataTime=20261128080000;a34004-Rtd=35.2,a34004-Flag=N&&"), StandardCharsets.UTF_8);
        FrameDecoder decoder = new FrameDecoder(Hj212Config.strict());
        List<FrameResult> cut = decoder.feed(("noise" + frame.substring(0, 40)).getBytes(StandardCharsets.UTF_8));
        cut = new java.util.ArrayList<>(cut);
        cut.addAll(decoder.feed(frame.substring(40).getBytes(StandardCharsets.UTF_8)));
        FrameResult.RawFrame raw = assertInstanceOf(FrameResult.RawFrame.class, cut.get(1));
        Hj212Frame f = assertInstanceOf(DecodeResult.Decoded.class, new Hj212Codec(Hj212Config.strict()).decode(raw))
                .frame();
        Reading r = realtime(f, MappingOptions.of(PointType.AIR_STATION)).reading().orElseThrow();
        assertEquals(Map.of("pm25", 35.2), r.values());
    }
}
