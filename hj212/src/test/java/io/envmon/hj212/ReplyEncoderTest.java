package io.envmon.hj212;

import static io.envmon.hj212.TestFrames.MN;
import static io.envmon.hj212.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** hj212.md §3.4 and §8.4: replies byte for byte. */
class ReplyEncoderTest {

    private static final Hj212Codec CODEC = new Hj212Codec(Hj212Config.strict());

    private static Hj212Frame parse(String segment) {
        DecodeResult r = CODEC.decode(frame(segment));
        return assertInstanceOf(DecodeResult.Decoded.class, r, r::toString).frame();
    }

    private static Optional<String> reply(Hj212Frame f) {
        return ReplyEncoder.replyFor(f).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void the9014OfTheOfficialMinuteUpload() {
        Hj212Frame upload = parse("QN=20160801085000001;ST=32;CN=2051;PW=123456;MN=" + MN + ";Flag=5;"
                + "CP=&&DataTime=20160801084000;w01018-Avg=22.1,w01018-Flag=N&&");
        assertEquals(Optional.of(TestFrames.REPLY_9014), reply(upload));
        assertArrayEquals(TestFrames.REPLY_9014.getBytes(StandardCharsets.US_ASCII), ReplyEncoder.dataReply(upload));
    }

    @ParameterizedTest(name = "Flag={0} -> {1}")
    @CsvSource({
        "4, ''",
        "5, QN=Q;ST=91;CN=9014;PW=123456;MN=M;Flag=4;CP=&&&&",
        "8, ''",
        "9, QN=Q;ST=91;CN=9014;PW=123456;MN=M;Flag=8;CP=&&&&",
        "0, ''",
        "1, ST=91;CN=9014;PW=123456;MN=M;CP=&&QN=Q;CN=2011&&",
        "3, ST=91;CN=9014;PW=123456;MN=M;CP=&&QN=Q;CN=2011&&",
    })
    void answersOnlyWhenBitAIsSet(int flag, String expectedSegment) {
        Hj212Frame upload = parse("QN=Q;ST=22;CN=2011;PW=123456;MN=M;Flag=" + flag
                + ";CP=&&DataTime=20160801084000;a34004-Rtd=35&&");
        assertEquals(expectedSegment.isEmpty() ? Optional.empty() : Optional.of(frame(expectedSegment)),
                reply(upload));
    }

    @Test
    void splitPacketsWithAnswerGetOneEach() {
        Hj212Frame p = parse("QN=20160801085000002;ST=31;CN=2051;PW=123456;MN=" + MN
                + ";Flag=7;PNUM=2;PNO=2;CP=&&DataTime=20160801084000;a21026-Avg=1&&");
        assertEquals(Optional.of(frame("QN=20160801085000002;ST=91;CN=9014;PW=123456;MN=" + MN + ";Flag=4;CP=&&&&")),
                reply(p));
        Hj212Frame noAnswer = parse("QN=20160801085000002;ST=31;CN=2051;PW=123456;MN=" + MN
                + ";Flag=6;PNUM=2;PNO=2;CP=&&DataTime=20160801084000;a21026-Avg=1&&");
        assertEquals(Optional.empty(), reply(noAnswer));
    }

    @Test
    void absentFlagGetsNoReply() {
        assertEquals(Optional.empty(), reply(parse("ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&&&")));
    }

    @ParameterizedTest
    @CsvSource({"9011", "9012", "9013", "9014"})
    void repliesAreNotAnswered(String cn) {
        assertEquals(Optional.empty(), reply(parse("QN=1;ST=91;CN=" + cn + ";PW=1;MN=M;Flag=5;CP=&&&&")));
    }

    @Test
    void timeCalibrationRequestGets9013() {
        Hj212Frame notification = parse("QN=20160801085857223;ST=32;CN=1013;PW=123456;MN=" + MN
                + ";Flag=5;CP=&&&&");
        assertEquals(Optional.of(frame("QN=20160801085857223;ST=91;CN=9013;PW=123456;MN=" + MN
                + ";Flag=4;CP=&&&&")), reply(notification));
    }

    @Test
    void notificationReplyOf2005() {
        Hj212Frame n = parse("ST=32;CN=1013;QN=20040516010101001;PW=123456;MN=88888880000001;Flag=1;CP=&&&&");
        assertEquals(frame("ST=91;CN=9013;PW=123456;MN=88888880000001;Flag=0;CP=&&QN=20040516010101001&&"),
                new String(ReplyEncoder.notificationReply(n), StandardCharsets.UTF_8));
    }

    @Test
    void dataReplyOf2005WithoutQn() {
        Hj212Frame n = parse("ST=32;CN=2011;PW=123456;MN=88888880000001;Flag=1;CP=&&&&");
        assertEquals(frame("ST=91;CN=9014;PW=123456;MN=88888880000001;CP=&&CN=2011&&"),
                new String(ReplyEncoder.dataReply(n), StandardCharsets.UTF_8));
    }

    @Test
    void repliesAreValidFramesForAStrictReader() {
        Hj212Frame upload = parse("QN=20260106101010001;ST=31;CN=2011;PW=123456;MN=" + MN + ";Flag=9;RF=1;"
                + "CP=&&DataTime=20260106101000;a21026-Rtd=12.5&&");
        DecodeResult r = CODEC.decode(ReplyEncoder.dataReply(upload));
        Hj212Frame reply = assertInstanceOf(DecodeResult.Decoded.class, r).frame();
        assertEquals("20260106101010001", reply.qn());
        assertEquals(ProtocolVersion.V2025, reply.version());
        assertTrue(reply.cp().isEmpty());
    }
}
