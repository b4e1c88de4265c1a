package io.envmon.hj212;

import static io.envmon.hj212.TestFrames.bytes;
import static io.envmon.hj212.TestFrames.frame;
import static io.envmon.hj212.TestFrames.frameWithLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.FrameResult.FramingError;
import io.envmon.hj212.FrameResult.FramingError.Problem;
import io.envmon.hj212.FrameResult.RawFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** hj212.md §1.6: framing a TCP byte stream. */
class FrameDecoderTest {

    private static final String F1 = TestFrames.APPENDIX_A;
    private static final String F2 = TestFrames.APPENDIX_A1_2025;
    private static final String F3 = frame(TestFrames.upload("20160801085000001", "2011", 5,
            "DataTime=20160801085000;a34004-Rtd=35,a34004-Flag=N;i11001-Info=//仪器##正常//"));

    private static String noCrlf(String f) {
        return f.replace("\r\n", "");
    }

    private static FrameDecoder strict() {
        return new FrameDecoder(Hj212Config.strict());
    }

    private static FrameDecoder lenient() {
        return new FrameDecoder(Hj212Config.lenient());
    }

    /** Feeds the stream in the given chunks, then ends it; renders each result for comparison. */
    private static List<String> run(FrameDecoder d, byte[]... chunks) {
        List<FrameResult> out = new ArrayList<>();
        for (byte[] c : chunks) {
            out.addAll(d.feed(c));
        }
        out.addAll(d.finish());
        return render(out);
    }

    private static List<String> render(List<FrameResult> results) {
        return results.stream().map(r -> r instanceof RawFrame f ? f.text()
                : ((FramingError) r).problem().name()).toList();
    }

    @Test
    void oneFrameInOneRead() {
        FrameDecoder d = strict();
        List<FrameResult> out = d.feed(bytes(F1));
        assertEquals(List.of(noCrlf(F1)), render(out));
        assertEquals(0, d.buffered());
    }

    @Test
    void coalescedReads() {
        assertEquals(List.of(noCrlf(F1), noCrlf(F2), noCrlf(F3)), run(strict(), bytes(F1 + F2 + F3)));
    }

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void splitReadsAtEveryPosition(ParseMode mode) {
        byte[] stream = bytes(F1 + F3 + F2);
        List<String> expected = List.of(noCrlf(F1), noCrlf(F3), noCrlf(F2));
        for (int cut = 0; cut <= stream.length; cut++) {
            FrameDecoder d = new FrameDecoder(mode == ParseMode.STRICT ? Hj212Config.strict() : Hj212Config.lenient());
            assertEquals(expected, run(d, Arrays.copyOfRange(stream, 0, cut),
                    Arrays.copyOfRange(stream, cut, stream.length)), "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] stream = bytes(F3 + F1);
        FrameDecoder d = strict();
        List<FrameResult> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(d.feed(new byte[] {b}));
        }
        assertEquals(List.of(noCrlf(F3), noCrlf(F1)), render(out));
    }

    @Test
    void frameIsEmittedBeforeItsCrlfArrives() {
        FrameDecoder d = strict();
        assertEquals(List.of(noCrlf(F1)), render(d.feed(bytes(noCrlf(F1)))));
        assertEquals(List.of(), d.feed(bytes("\r")));
        assertEquals(List.of(), d.feed(bytes("\n")));
        assertEquals(List.of(noCrlf(F2)), render(d.feed(bytes(F2))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r", "\n\r", "\r\n\r\n"})
    void missingOrOddLineEnds(String lineEnd) {
        String stream = noCrlf(F1) + lineEnd + noCrlf(F2) + lineEnd + noCrlf(F3);
        assertEquals(List.of(noCrlf(F1), noCrlf(F2), noCrlf(F3)), run(strict(), bytes(stream)));
    }

    @Test
    void noiseBeforeTheFrameIsReportedOnceAndSkipped() {
        FrameDecoder d = strict();
        List<FrameResult> out = new ArrayList<>();
        out.addAll(d.feed(bytes("AT+CSQ\r\nOK\r")));
        out.addAll(d.feed(bytes("\nREG:8888#")));
        out.addAll(d.feed(bytes(F1)));
        assertEquals(List.of("NOISE", noCrlf(F1)), render(out));
        assertEquals("AT+CSQ\r\nOK\r", ((FramingError) out.get(0)).excerptText());
        assertTrue(d.discardedBytes() > 0);
    }

    @Test
    void whitespaceBetweenFramesIsNotNoise() {
        assertEquals(List.of(noCrlf(F1), noCrlf(F2)), run(strict(), bytes("\r\n \t" + F1 + "\r\n\r\n" + F2 + "\n")));
    }

    @Test
    void hashesBeforeTheFrame() {
        assertEquals(List.of("NOISE", noCrlf(F1)), run(strict(), bytes("x#"), bytes("#" + F1)));
        assertEquals(List.of("NOISE", noCrlf(F1)), run(strict(), bytes("###" + F1)));
    }

    @Test
    void noiseDoesNotGrowTheBuffer() {
        FrameDecoder d = strict();
        byte[] junk = new byte[64 * 1024];
        Arrays.fill(junk, (byte) 'x');
        for (int i = 0; i < 16; i++) {
            d.feed(junk);
        }
        assertTrue(d.buffered() <= 1, "buffered " + d.buffered());
        assertEquals(List.of(noCrlf(F1)), render(d.feed(bytes(F1))));
    }

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void twoDigitLengthIsSkippedAndTheNextFrameFound(ParseMode mode) {
        // sCair's server emitted "##81..." (hj212.md §1.6 step 2)
        String bad = "##81" + F1.substring(6);
        FrameDecoder d = new FrameDecoder(mode == ParseMode.STRICT ? Hj212Config.strict() : Hj212Config.lenient());
        List<FrameResult> out = new ArrayList<>(d.feed(bytes(bad + F2)));
        assertEquals(List.of("BAD_LENGTH_FIELD", noCrlf(F2)), render(out));
        FramingError e = (FramingError) out.get(0);
        assertEquals(noCrlf(bad), e.excerptText());
    }

    @Test
    void badLengthWithoutLineEndIsSkippedUpToTheNextFrame() {
        String bad = "##8" + noCrlf(F1).substring(6);
        assertEquals(List.of("BAD_LENGTH_FIELD", noCrlf(F2)), run(strict(), bytes(bad), bytes("more junk"), bytes(F2)));
    }

    @Test
    void lengthOverTheLimit() {
        StringBuilder cp = new StringBuilder("DataTime=20160801085000");
        while (cp.length() < 1100) {
            cp.append(";a99999-Rtd=1.0");
        }
        String big = frame(TestFrames.upload("1", "2011", 4, cp.toString()));
        assertEquals(List.of("TOO_LARGE", noCrlf(F1)), run(strict(), bytes(big + F1)));
        assertEquals(List.of(noCrlf(big), noCrlf(F1)), run(lenient(), bytes(big + F1)));
    }

    @Test
    void aFrameThatNeverEndsIsCutOff() {
        FrameDecoder d = strict();
        List<FrameResult> out = new ArrayList<>(d.feed(bytes("##0010QN=1;")));
        byte[] filler = new byte[2000];
        Arrays.fill(filler, (byte) 'x');
        out.addAll(d.feed(filler));
        assertEquals(List.of("TOO_LARGE"), render(out));
        assertTrue(d.buffered() < 1100);
        assertEquals(List.of(noCrlf(F1)), render(d.feed(bytes(F1))));
    }

    @Test
    void lengthFieldTooLargeFrameEndsAtItsLineEnd() {
        String seg = TestFrames.APPENDIX_A_SEGMENT;
        String wrong = frameWithLength(seg, 150);
        // lenient: the CRLF after "&&"+CRC ends it at once, no waiting for 150 bytes
        FrameDecoder d = lenient();
        assertEquals(List.of(noCrlf(wrong)), render(d.feed(bytes(wrong))));
        assertEquals(List.of("LENGTH_MISMATCH"), render(strict().feed(bytes(wrong))));
    }

    @Test
    void lengthFieldTooLargeAndNoLineEndEndsAtTheNextFrame() {
        String wrong = noCrlf(frameWithLength(TestFrames.APPENDIX_A_SEGMENT, 150));
        assertEquals(List.of(noCrlf(wrong), noCrlf(F2)), run(lenient(), bytes(wrong + F2)));
        assertEquals(List.of("LENGTH_MISMATCH", noCrlf(F2)), run(strict(), bytes(wrong + F2)));
    }

    @Test
    void lengthFieldTooSmall() {
        String wrong = frameWithLength(TestFrames.APPENDIX_A_SEGMENT, 90);
        assertEquals(List.of(noCrlf(wrong), noCrlf(F2)), run(lenient(), bytes(wrong + F2)));
        assertEquals(List.of("LENGTH_MISMATCH", noCrlf(F2)), run(strict(), bytes(wrong + F2)));
    }

    @Test
    void lengthFieldWrongAndStreamEnds() {
        String wrong = noCrlf(frameWithLength(TestFrames.APPENDIX_A_SEGMENT, 150));
        FrameDecoder d = lenient();
        assertEquals(List.of(), d.feed(bytes(wrong)), "waits: more bytes may come");
        assertEquals(List.of(noCrlf(wrong)), render(d.finish()));
    }

    @ParameterizedTest
    @EnumSource(ParseMode.class)
    void lengthCountedInCharactersIsAFrame(ParseMode mode) {
        String seg = TestFrames.upload("1", "3020", 4, "DataTime=20160801084000;i11001-Info=//仪器故障//");
        String f = frameWithLength(seg, seg.length());
        FrameDecoder d = new FrameDecoder(mode == ParseMode.STRICT ? Hj212Config.strict() : Hj212Config.lenient());
        assertEquals(List.of(noCrlf(f), noCrlf(F1)), run(d, bytes(f + F1)));
    }

    @Test
    void missingClosingAmpersands() {
        String seg = TestFrames.APPENDIX_A_SEGMENT.substring(0, TestFrames.APPENDIX_A_SEGMENT.length() - 2);
        String broken = frame(seg);
        assertEquals(List.of("BAD_TRAILER", noCrlf(F2)), run(lenient(), bytes(broken + F2)));
    }

    @Test
    void streamEndingInsideAFrame() {
        FrameDecoder d = strict();
        assertEquals(List.of(), d.feed(bytes(F1.substring(0, 50))));
        List<FrameResult> end = d.finish();
        assertEquals(List.of("TRUNCATED"), render(end));
        assertEquals(F1.substring(0, 50), ((FramingError) end.get(0)).excerptText());
        assertEquals(0, d.buffered());
        assertEquals(List.of(noCrlf(F1)), render(d.feed(bytes(F1))), "reusable after finish");
    }

    @Test
    void hashesInsideAnInfoTextDoNotCutTheFrame() {
        assertTrue(F3.contains("##正常"));
        assertEquals(List.of(noCrlf(F3)), run(strict(), bytes(F3)));
    }

    @Test
    void excerptsAreLimited() {
        byte[] junk = new byte[10_000];
        Arrays.fill(junk, (byte) 'x');
        FramingError e = assertInstanceOf(FramingError.class, strict().feed(junk).get(0));
        assertEquals(Problem.NOISE, e.problem());
        assertEquals(FrameDecoder.EXCERPT_LIMIT, e.excerpt().length);
    }

    @Test
    void decodedFramesPassTheCodec() {
        Hj212Codec codec = new Hj212Codec(Hj212Config.strict());
        for (FrameResult r : strict().feed(bytes("noise" + F1 + F2 + F3))) {
            if (r instanceof RawFrame f) {
                assertInstanceOf(DecodeResult.Decoded.class, codec.decode(f), f.text());
            }
        }
    }
}
