package io.envmon.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    @Test
    void buildsTheAppendixAFrame() {
        OutboundFrame f = OutboundFrame.of("20160801085857223", "32", "1062", "100000", TestFrames.MN, 5,
                "RtdInterval=30");
        assertEquals(TestFrames.APPENDIX_A_SEGMENT, f.segment());
        assertEquals(TestFrames.APPENDIX_A, FrameEncoder.encodeToString(f));
    }

    @Test
    void buildsThe2025Example() {
        OutboundFrame f = OutboundFrame.of("20240601085857223", "32", "1011", "123456", TestFrames.MN, 9, "");
        assertEquals(TestFrames.APPENDIX_A1_2025, FrameEncoder.encodeToString(f));
    }

    @Test
    void writesSplitAndRfFieldsInTheStandardOrder() {
        OutboundFrame f = new OutboundFrame("1", "31", "2051", "p", "m", 7, 2, 1, "1", "x=1");
        assertEquals("QN=1;ST=31;CN=2051;PW=p;MN=m;Flag=7;PNUM=2;PNO=1;RF=1;CP=&&x=1&&", f.segment());
    }

    @Test
    void leavesOutAbsentFields() {
        assertEquals("ST=91;CN=9014;CP=&&QN=1;CN=2011&&",
                OutboundFrame.of(null, "91", "9014", null, null, null, "QN=1;CN=2011").segment());
    }

    @Test
    void lengthCountsUtf8Bytes() {
        String cp = "DataTime=20160801084000;i11001-Info=//仪器故障//";
        String text = FrameEncoder.encodeToString(OutboundFrame.of("1", "32", "3020", "1", "M", 4, cp));
        String segment = text.substring(6, text.length() - 6);
        assertEquals(String.format("##%04d", segment.getBytes(StandardCharsets.UTF_8).length), text.substring(0, 6));
        assertTrue(segment.length() < segment.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void simulatorUploadRoundTrips() {
        Instant t = Instant.parse("2026-11-28T00:00:00Z");
        String cp = DataRegionCodec.encode(t, Hj212Config.DEFAULT_ZONE, List.of(
                new PollutantValues("a34004", Map.of("Rtd", "35.2", "Flag", "N"))));
        OutboundFrame out = OutboundFrame.of(Hj212Time.qn(t, Hj212Config.DEFAULT_ZONE), "22", "2011", "123456",
                TestFrames.MN, 5, cp);
        DecodeResult r = new Hj212Codec(Hj212Config.strict()).decode(FrameEncoder.encode(out));
        Hj212Frame f = assertInstanceOf(DecodeResult.Decoded.class, r).frame();
        assertEquals("20261128080000000", f.qn());
        assertEquals(t, f.data().dataTime());
        assertEquals("35.2", f.data().pollutant("a34004").orElseThrow().rtd());
    }

    @Test
    void refusesWhatALengthFieldCannotSay() {
        String cp = "x".repeat(10_000);
        assertThrows(IllegalArgumentException.class,
                () -> FrameEncoder.encode(OutboundFrame.of("1", "22", "2011", "1", "M", 4, cp)));
    }
}
