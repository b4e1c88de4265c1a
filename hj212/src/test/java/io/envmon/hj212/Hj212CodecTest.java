package io.envmon.hj212;

import static io.envmon.hj212.TestFrames.MN;
import static io.envmon.hj212.TestFrames.frame;
import static io.envmon.hj212.TestFrames.frameWithLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.DecodeResult.CrcMismatch;
import io.envmon.hj212.DecodeResult.Decoded;
import io.envmon.hj212.DecodeResult.Malformed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hj212CodecTest {

    private static final Hj212Codec STRICT = new Hj212Codec(Hj212Config.strict());
    private static final Hj212Codec LENIENT = new Hj212Codec(Hj212Config.lenient());

    private static Hj212Codec codec(ParseMode mode) {
        return mode == ParseMode.STRICT ? STRICT : LENIENT;
    }

    private static Decoded decoded(DecodeResult r) {
        return assertInstanceOf(Decoded.class, r, () -> "expected a frame: " + r);
    }

    // ---- the standard's frames (hj212.md §8)

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void appendixAFrame(ParseMode mode) {
        Decoded d = decoded(codec(mode).decode(TestFrames.APPENDIX_A));
        Hj212Frame f = d.frame();
        assertEquals("20160801085857223", f.qn());
        assertEquals("32", f.st());
        assertEquals("1062", f.cn());
        assertEquals("100000", f.pw());
        assertEquals(MN, f.mn());
        assertEquals(Flag.of(5), f.flag());
        assertEquals(ProtocolVersion.V2017, f.version());
        assertTrue(f.needsAnswer());
        assertFalse(f.isSplitPacket());
        assertEquals("RtdInterval=30", f.cp());
        assertEquals("30", f.data().field("RtdInterval"));
        assertEquals(List.of(), d.warnings());
    }

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void hj212Of2025AppendixA1(ParseMode mode) {
        Hj212Frame f = decoded(codec(mode).decode(TestFrames.APPENDIX_A1_2025)).frame();
        assertEquals(ProtocolVersion.V2025, f.version());
        assertEquals(9, f.flag().value());
        assertTrue(f.needsAnswer());
        assertEquals("", f.cp());
        assertEquals(DataRegion.EMPTY, f.data());
    }

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void the9014OfSection3_4(ParseMode mode) {
        Hj212Frame f = decoded(codec(mode).decode(TestFrames.REPLY_9014)).frame();
        assertEquals("9014", f.cn());
        assertEquals("91", f.st());
        assertFalse(f.needsAnswer());
    }

    @Test
    void lowerCaseCrcIsValid() {
        String lower = TestFrames.APPENDIX_A.replace("1C80", "1c80");
        decoded(STRICT.decode(lower));
    }

    @Test
    void frameWithoutCrlfOrWithOnlyLf() {
        decoded(STRICT.decode(TestFrames.APPENDIX_A.replace("\r\n", "")));
        decoded(STRICT.decode(TestFrames.APPENDIX_A.replace("\r\n", "\n")));
    }

    @Test
    void zeroCrcIsAccepted() {
        // find a segment whose CRC is 0000 (a real sample has one, hj212.md §2.3)
        String segment = null;
        for (int i = 0; segment == null; i++) {
            String s = TestFrames.upload("20160801085857223", "2011", 4, "DataTime=20160801085857;a34004-Rtd=" + i);
            if (Hj212Crc.compute(s.getBytes(StandardCharsets.UTF_8)) == 0) {
                segment = s;
            }
        }
        String f = frame(segment);
        assertTrue(f.endsWith("0000\r\n"));
        decoded(STRICT.decode(f));
    }

    // ---- CRC failures: a distinct result, no reply

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void crcMismatchIsItsOwnResult(ParseMode mode) {
        DecodeResult r = codec(mode).decode(TestFrames.APPENDIX_A.replace("1C80", "1C08"));
        CrcMismatch m = assertInstanceOf(CrcMismatch.class, r);
        assertEquals("1C08", m.received());
        assertEquals("1C80", m.computed());
        assertEquals(MN, m.mn());
        assertEquals("20160801085857223", m.qn());
        assertEquals("1062", m.cn());
    }

    @Test
    void aChangedByteIsACrcMismatch() {
        assertInstanceOf(CrcMismatch.class, STRICT.decode(TestFrames.APPENDIX_A.replace("=30", "=31")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0759", "5907"})
    void modbusCrcOnlyWhenConfigured(String modbusCrc) {
        String f = TestFrames.APPENDIX_A.replace("1C80", modbusCrc);
        assertInstanceOf(CrcMismatch.class, STRICT.decode(f));
        assertInstanceOf(CrcMismatch.class, LENIENT.decode(f));
        Decoded d = decoded(new Hj212Codec(
                new Hj212Config(ParseMode.LENIENT, Hj212Config.DEFAULT_ZONE, Hj212Config.LENIENT_MAX_SEGMENT, true)).decode(f));
        assertTrue(d.warnings().get(0).contains("MODBUS"), d.warnings().toString());
    }

    // ---- header by key, any order (hj212.md §1.3)

    static Stream<String> headerOrders() {
        String cp = "CP=&&RtdInterval=30&&";
        return Stream.of(
                "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=" + MN + ";Flag=5;" + cp,
                "QN=20160801085857223;ST=32;CN=1062;MN=" + MN + ";PW=100000;Flag=5;" + cp,
                "ST=32;CN=1062;QN=20160801085857223;PW=100000;MN=" + MN + ";Flag=5;" + cp,
                "Flag=5;MN=" + MN + ";PW=100000;CN=1062;ST=32;QN=20160801085857223;" + cp);
    }

    @ParameterizedTest
    @MethodSource("headerOrders")
    void headerFieldsInAnyOrder(String segment) {
        Hj212Frame f = decoded(STRICT.decode(frame(segment))).frame();
        assertEquals("20160801085857223", f.qn());
        assertEquals("1062", f.cn());
        assertEquals("100000", f.pw());
        assertEquals(MN, f.mn());
        assertEquals(5, f.flag().value());
    }

    @Test
    void realWorldHeaderValuesAreNotWidthChecked() {
        // 13-digit QN, 3-character ST, empty PW, 14-character lower-case MN (hj212.md §1.3, §3.1)
        String seg = "QN=1617936069734;ST=101;CN=2011;PW=;MN=8888888_abc-01;Flag=4;CP=&&DataTime=20210409104109&&";
        Hj212Frame f = decoded(STRICT.decode(frame(seg))).frame();
        assertEquals("1617936069734", f.qn());
        assertEquals("101", f.st());
        assertEquals("", f.pw());
        assertEquals("8888888_abc-01", f.mn());
    }

    @Test
    void emptyQnIsKeptEmpty() {
        Hj212Frame f = decoded(STRICT.decode(frame("QN=;ST=22;CN=2011;PW=1;MN=M1;Flag=4;CP=&&&&"))).frame();
        assertEquals("", f.qn());
    }

    @Test
    void spaceBetweenTheAmpersandsAsPrintedInTheStandard() {
        Hj212Frame f = decoded(STRICT.decode(frame("QN=1;ST=91;CN=9014;PW=1;MN=M1;Flag=4;CP=&& &&"))).frame();
        assertEquals(" ", f.cp());
        assertTrue(f.data().plainFields().isEmpty());
    }

    // ---- 2005 (hj212.md §5)

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void hjt2005UploadWithoutQnAndFlag(ParseMode mode) {
        String seg = "ST=32;CN=2011;PW=123456;MN=88888880000001;"
                + "CP=&&DataTime=20040516020111;B01-Rtd=100.0;011-Rtd=22.5,011-Flag=N;060-Rtd=1.2,060-Flag=P&&";
        Hj212Frame f = decoded(codec(mode).decode(frame(seg))).frame();
        assertNull(f.qn());
        assertEquals(Flag.ABSENT, f.flag());
        assertEquals(ProtocolVersion.V2005, f.version());
        assertFalse(f.needsAnswer());
        assertEquals(List.of("B01", "011", "060"), f.data().pollutants().stream().map(PollutantValues::code).toList());
        assertEquals("P", f.data().pollutant("060").orElseThrow().flag());
    }

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void hjt2005HeaderOrderWithPnoBeforePnum(ParseMode mode) {
        // the 2005 order quoted in hj212.md §1.3
        String seg = "ST=32;CN=2051;QN=20040516010101001;PW=123456;MN=88888880000001;PNO=1;PNUM=1;"
                + "CP=&&DataTime=20040516010000;011-Avg=22.1,011-Flag=N&&";
        Hj212Frame f = decoded(codec(mode).decode(frame(seg))).frame();
        assertEquals(1, f.pnum());
        assertEquals(1, f.pno());
        assertEquals(ProtocolVersion.V2005, f.version());
    }

    @Test
    void hjt2005HostFlag3WithoutPnumIsAccepted() {
        Hj212Frame f = decoded(STRICT.decode(frame("ST=32;CN=2011;PW=1;MN=M1;Flag=3;CP=&&&&"))).frame();
        assertFalse(f.isSplitPacket());
        assertTrue(f.needsAnswer());
    }

    // ---- 2025 (hj212.md §7)

    @Test
    void resentMarkerOf2025() {
        String seg = "QN=20260106101010001;ST=31;CN=2011;PW=123456;MN=" + MN + ";Flag=9;RF=1;"
                + "CP=&&DataTime=20260106101000;a21026-Rtd=12.5,a21026-Flag=N&&";
        Hj212Frame f = decoded(STRICT.decode(frame(seg))).frame();
        assertEquals("1", f.rf());
        assertTrue(f.isResent());
        assertEquals(ProtocolVersion.V2025, f.version());
    }

    // ---- split packets (hj212.md §1.5)

    @Test
    void zeroPaddedSplitFieldsInAnyOrder() {
        String seg = "QN=20160801085000001;ST=31;CN=2051;PW=123456;MN=" + MN + ";Flag=7;PNO=0002;PNUM=0002;"
                + "CP=&&DataTime=20160801084000;a21026-Avg=10&&";
        Hj212Frame f = decoded(STRICT.decode(frame(seg))).frame();
        assertEquals(2, f.pnum());
        assertEquals(2, f.pno());
        assertTrue(f.isSplitPacket());
    }

    // ---- length (hj212.md §1.2, §2.5)

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void lengthInCharactersIsAcceptedWithANote(ParseMode mode) {
        String seg = "QN=20160801085000001;ST=32;CN=3020;PW=123456;MN=" + MN + ";Flag=4;"
                + "CP=&&DataTime=20160801084000;i11001-Info=//仪器故障//&&";
        Decoded d = decoded(codec(mode).decode(frameWithLength(seg, seg.length())));
        assertEquals("仪器故障", d.frame().data().pollutant("i11001").orElseThrow().value("Info"));
        assertTrue(d.warnings().get(0).contains("characters"), d.warnings().toString());
        assertEquals(List.of(), decoded(codec(mode).decode(frame(seg))).warnings(), "bytes: no note");
    }

    // ---- strict rejects, lenient tolerates (docs/hj212.md)

    static Stream<Arguments> deviations() {
        String ok = "QN=20160801085000001;ST=22;CN=2011;PW=123456;MN=" + MN + ";";
        String data = "DataTime=20160801084000;a34004-Rtd=35";
        StringBuilder big = new StringBuilder(data);
        while (big.length() < 1100) {
            big.append(";a99999-Rtd=1.0");
        }
        return Stream.of(
                Arguments.of("length field wrong", frameWithLength(ok + "Flag=4;CP=&&" + data + "&&", 60)),
                Arguments.of("over 1024", frame(ok + "Flag=4;CP=&&" + big + "&&")),
                Arguments.of("unknown header key", frame(ok + "Flag=4;XX=1;CP=&&" + data + "&&")),
                Arguments.of("key case", frame(ok + "FLAG=4;CP=&&" + data + "&&")),
                Arguments.of("duplicate header key", frame(ok + "Flag=4;Flag=5;CP=&&" + data + "&&")),
                Arguments.of("header piece without =", frame(ok + "Flag=4;junk;CP=&&" + data + "&&")),
                Arguments.of("Flag not a number", frame(ok + "Flag=x;CP=&&" + data + "&&")),
                Arguments.of("Flag over 255", frame(ok + "Flag=300;CP=&&" + data + "&&")),
                Arguments.of("unknown version bits", frame(ok + "Flag=13;CP=&&" + data + "&&")),
                Arguments.of("D bit without PNUM/PNO", frame(ok + "Flag=7;CP=&&" + data + "&&")),
                Arguments.of("PNUM/PNO without D bit", frame(ok + "Flag=5;PNUM=2;PNO=1;CP=&&" + data + "&&")),
                Arguments.of("PNO without PNUM", frame(ok + "Flag=7;PNO=1;CP=&&" + data + "&&")),
                Arguments.of("PNO over PNUM", frame(ok + "Flag=7;PNUM=2;PNO=3;CP=&&" + data + "&&")),
                Arguments.of("CN not 4 digits", frame(ok.replace("CN=2011", "CN=20111") + "Flag=4;CP=&&" + data + "&&")),
                Arguments.of("2017 without QN", frame(ok.replace("QN=20160801085000001;", "") + "Flag=4;CP=&&"
                        + data + "&&")),
                Arguments.of("no closing &&", frame(ok + "Flag=4;CP=&&" + data)),
                Arguments.of("no ; before CP", frame(ok + "Flag=4CP=&&" + data + "&&")),
                Arguments.of("17-digit DataTime", frame(ok + "Flag=4;CP=&&DataTime=20160801084000123;a34004-Rtd=35&&")),
                Arguments.of("bad DataTime", frame(ok + "Flag=4;CP=&&DataTime=20161301084000;a34004-Rtd=35&&")),
                Arguments.of("CP item without =", frame(ok + "Flag=4;CP=&&" + data + ";junk&&")),
                Arguments.of("unterminated Info", frame(ok + "Flag=4;CP=&&" + data + ";i11001-Info=//abc&&")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviations")
    void strictRejectsWhatLenientTolerates(String name, String frameText) {
        Malformed m = assertInstanceOf(Malformed.class, STRICT.decode(frameText), name);
        assertFalse(m.reason().isBlank());
        Decoded d = decoded(LENIENT.decode(frameText));
        assertFalse(d.warnings().isEmpty(), name + ": lenient mode says what it tolerated");
    }

    @Test
    void invalidUtf8() {
        String seg = "QN=1;ST=22;CN=2011;PW=1;MN=M1;Flag=4;CP=&&i11001-Info=//X//&&";
        byte[] segBytes = seg.getBytes(StandardCharsets.US_ASCII);
        segBytes[seg.indexOf('X')] = (byte) 0xC3; // a lone lead byte
        String head = String.format("##%04d", segBytes.length);
        String crc = Hj212Crc.hex(Hj212Crc.compute(segBytes));
        byte[] raw = new byte[6 + segBytes.length + 4];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, raw, 0, 6);
        System.arraycopy(segBytes, 0, raw, 6, segBytes.length);
        System.arraycopy(crc.getBytes(StandardCharsets.US_ASCII), 0, raw, 6 + segBytes.length, 4);
        assertInstanceOf(Malformed.class, STRICT.decode(raw));
        decoded(LENIENT.decode(raw));
    }

    @Test
    void lenientKeepsUnknownHeaderFieldsAndTheFirstOfDuplicates() {
        String seg = "QN=1;ST=22;CN=2011;PW=1;MN=M1;Flag=4;Flag=5;XX=1;CP=&&&&";
        Hj212Frame f = decoded(LENIENT.decode(frame(seg))).frame();
        assertEquals(4, f.flag().value());
        assertEquals("1", f.extraHeader().get("XX"));
    }

    @Test
    void lenientIgnoresInconsistentSplitFields() {
        Hj212Frame f = decoded(LENIENT.decode(frame("QN=1;ST=22;CN=2011;PW=1;MN=M1;Flag=7;PNUM=2;PNO=3;CP=&&&&")))
                .frame();
        assertFalse(f.isSplitPacket());
        Hj212Frame g = decoded(LENIENT.decode(frame("QN=1;ST=22;CN=2011;PW=1;MN=M1;PNUM=2;PNO=1;CP=&&&&"))).frame();
        assertTrue(g.isSplitPacket(), "PNUM/PNO without any Flag (libem/HJ212-Moniter)");
    }

    @Test
    void lenientAcceptsLongSegmentsUpTo9999() {
        StringBuilder cp = new StringBuilder("DataTime=20160801084000");
        while (cp.length() < 1600) {
            cp.append(";a99999-Rtd=1.0");
        }
        Hj212Frame f = decoded(LENIENT.decode(frame(TestFrames.upload("1", "2011", 4, cp.toString())))).frame();
        assertEquals(1, f.data().pollutants().size());
    }

    // ---- rejected in both modes

    static Stream<Arguments> malformedInBothModes() {
        return Stream.of(
                Arguments.of("no ##", TestFrames.APPENDIX_A.substring(1)),
                Arguments.of("2-digit length", "##81" + TestFrames.APPENDIX_A.substring(6)),
                Arguments.of("no hex CRC", TestFrames.APPENDIX_A.replace("1C80", "1C8G")),
                Arguments.of("too short", "##0001"),
                Arguments.of("no CP", frame("QN=1;ST=22;CN=2011;PW=1;MN=M1;Flag=4;")),
                Arguments.of("no MN", frame("QN=1;ST=22;CN=2011;PW=1;Flag=4;CP=&&&&")),
                Arguments.of("no ST", frame("QN=1;CN=2011;PW=1;MN=M1;Flag=4;CP=&&&&")),
                Arguments.of("no CN", frame("QN=1;ST=22;PW=1;MN=M1;Flag=4;CP=&&&&")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInBothModes")
    void malformedInBothModes(String name, String frameText) {
        assertInstanceOf(Malformed.class, STRICT.decode(frameText), name);
        assertInstanceOf(Malformed.class, LENIENT.decode(frameText), name);
    }

    // ---- data region and time

    @Test
    void dataTimeIsReadInTheConfiguredZone() {
        String f = frame(TestFrames.upload("1", "2011", 4, "DataTime=20160801085857;a34004-Rtd=35"));
        assertEquals(Instant.parse("2016-08-01T00:58:57Z"), decoded(STRICT.decode(f)).frame().data().dataTime());
        Hj212Codec utc = new Hj212Codec(Hj212Config.strict().withZone(java.time.ZoneOffset.UTC));
        assertEquals(Instant.parse("2016-08-01T08:58:57Z"), decoded(utc.decode(f)).frame().data().dataTime());
    }

    @Test
    void decodesWhatTheFrameDecoderCut() {
        FrameDecoder decoder = new FrameDecoder(Hj212Config.strict());
        List<FrameResult> cut = decoder.feed(TestFrames.bytes(TestFrames.APPENDIX_A));
        decoded(STRICT.decode((FrameResult.RawFrame) cut.get(0)));
    }

    @Test
    void malformedKeepsTheFrameText() {
        Malformed m = assertInstanceOf(Malformed.class, STRICT.decode(frame("QN=1;ST=22;CN=2011;PW=1;Flag=4;CP=&&&&")));
        assertTrue(m.text().startsWith("##0038QN=1;ST=22"), m.text());
        assertTrue(Arrays.asList(m.reason().split(" ")).contains("MN"), m.reason());
    }
}
