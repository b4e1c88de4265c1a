package io.envmon.hj212;

import static io.envmon.hj212.TestFrames.MN;
import static io.envmon.hj212.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.Reassembly.Complete;
import io.envmon.hj212.Reassembly.Incomplete;
import io.envmon.hj212.Reassembly.Pending;
import io.envmon.hj212.Reassembly.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** hj212.md §1.5 (Appendix C.49/C.50): each packet its own QN, DataTime repeated, factors divided. */
class SplitReassemblerTest {

    private static final Hj212Codec CODEC = new Hj212Codec(Hj212Config.strict());
    private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String[] PARTS = {
        "a21026-Avg=10.1,a21026-Flag=N;a21002-Avg=20.2,a21002-Flag=N",
        "a34013-Avg=3.3,a34013-Flag=N;a19001-Avg=9.5",
        "a00000-Avg=50.5,a00000-Cou=181800;",
    };

    /** Packet {@code pno} of {@code pnum}, QN ...00{pno}, for a message at the given DataTime. */
    static Hj212Frame packet(int pno, int pnum, String dataTime, String mn) {
        String seg = "QN=2016080108500000" + pno + ";ST=31;CN=2051;PW=123456;MN=" + mn + ";Flag=7;PNUM=" + pnum
                + ";PNO=" + pno + ";CP=&&DataTime=" + dataTime + ";" + PARTS[(pno - 1) % PARTS.length] + "&&";
        DecodeResult r = CODEC.decode(frame(seg).getBytes(StandardCharsets.UTF_8));
        return assertInstanceOf(DecodeResult.Decoded.class, r, r::toString).frame();
    }

    static Hj212Frame packet(int pno, int pnum) {
        return packet(pno, pnum, "20160801084000", MN);
    }

    private static SplitReassembler reassembler() {
        return new SplitReassembler(TIMEOUT, 100, 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "321", "213", "312"})
    void reassemblesInAnyOrder(String order) {
        SplitReassembler r = reassembler();
        List<Reassembly> results = new ArrayList<>();
        for (char c : order.toCharArray()) {
            results.add(r.accept(packet(c - '0', 3), T0));
        }
        assertEquals(new Pending(SplitReassembler.keyOf(packet(1, 3)), 1, 3), results.get(0));
        assertEquals(2, assertInstanceOf(Pending.class, results.get(1)).received());
        Complete done = assertInstanceOf(Complete.class, results.get(2));
        assertEquals(List.of(1, 2, 3), done.packets().stream().map(Hj212Frame::pno).toList());
        Hj212Frame m = done.message();
        assertEquals("20160801085000001", m.qn(), "PNO 1's header");
        assertFalse(m.isSplitPacket());
        assertEquals(5, m.flag().value(), "bit D cleared, A kept");
        assertEquals(List.of("a21026", "a21002", "a34013", "a19001", "a00000"),
                m.data().pollutants().stream().map(PollutantValues::code).toList());
        assertEquals("DataTime=20160801084000;" + PARTS[0] + ";" + PARTS[1] + ";" + PARTS[2].replace(";", ""),
                m.cp());
        assertEquals(Instant.parse("2016-08-01T00:40:00Z"), m.data().dataTime());
        assertEquals(0, r.pending());
    }

    @Test
    void eachPacketIsAnsweredWithItsOwnQn() {
        SplitReassembler r = reassembler();
        r.accept(packet(2, 2), T0);
        Complete done = assertInstanceOf(Complete.class, r.accept(packet(1, 2), T0));
        List<String> replies = done.packets().stream()
                .map(p -> new String(ReplyEncoder.replyFor(p).orElseThrow(), StandardCharsets.UTF_8))
                .toList();
        assertTrue(replies.get(0).startsWith("##0087QN=20160801085000001;ST=91;CN=9014;"), replies.get(0));
        assertTrue(replies.get(1).startsWith("##0087QN=20160801085000002;ST=91;CN=9014;"), replies.get(1));
    }

    @Test
    void aResentPacketReplacesTheFirstCopy() {
        SplitReassembler r = reassembler();
        r.accept(packet(1, 2), T0);
        assertEquals(1, assertInstanceOf(Pending.class, r.accept(packet(1, 2), T0.plusSeconds(10))).received());
        assertInstanceOf(Complete.class, r.accept(packet(2, 2), T0.plusSeconds(20)));
    }

    @Test
    void anUnsplitFrameIsCompleteAtOnce() {
        Hj212Frame f = ((DecodeResult.Decoded) CODEC.decode(TestFrames.APPENDIX_A)).frame();
        Complete c = assertInstanceOf(Complete.class, reassembler().accept(f, T0));
        assertSame(f, c.message());
    }

    @Test
    void oneOfOneIsCompleteAtOnce() {
        Complete c = assertInstanceOf(Complete.class, reassembler().accept(packet(1, 1), T0));
        assertFalse(c.message().isSplitPacket());
    }

    @Test
    void incompleteMessagesExpireAfterTheTimeout() {
        SplitReassembler r = reassembler();
        r.accept(packet(1, 3), T0);
        r.accept(packet(3, 3), T0.plusSeconds(30));
        assertEquals(List.of(), r.expire(T0.plusSeconds(89)), "timeout counts from the last packet");
        List<Incomplete> gone = r.expire(T0.plusSeconds(90));
        assertEquals(1, gone.size());
        Incomplete i = gone.get(0);
        assertEquals("timeout", i.reason());
        assertEquals(3, i.total());
        assertEquals(List.of(1, 3), i.packets().stream().map(Hj212Frame::pno).toList());
        assertEquals(new Reassembly.SplitKey(MN, "2051", "20160801084000"), i.key());
        assertEquals(0, r.pending());
        assertEquals(List.of(), r.expire(T0.plusSeconds(1000)));
    }

    @Test
    void messagesAreKeyedByMnCnAndDataTime() {
        SplitReassembler r = reassembler();
        r.accept(packet(1, 2, "20160801084000", MN), T0);
        assertInstanceOf(Pending.class, r.accept(packet(2, 2, "20160801085000", MN), T0));
        assertInstanceOf(Pending.class, r.accept(packet(2, 2, "20160801084000", "OTHERMN"), T0));
        assertEquals(3, r.pending());
        assertInstanceOf(Complete.class, r.accept(packet(2, 2, "20160801084000", MN), T0));
    }

    @Test
    void aPacketWhosePnumDisagreesIsRejected() {
        SplitReassembler r = reassembler();
        r.accept(packet(1, 3), T0);
        Rejected rej = assertInstanceOf(Rejected.class, r.accept(packet(2, 2), T0));
        assertTrue(rej.reason().contains("PNUM 2"), rej.reason());
        assertEquals(1, r.pending());
    }

    @Test
    void pnumOverTheLimitIsRejected() {
        SplitReassembler r = new SplitReassembler(TIMEOUT, 10, 2);
        assertInstanceOf(Rejected.class, r.accept(packet(1, 3), T0));
    }

    @Test
    void theLeastRecentMessageIsEvictedWhenFull() {
        SplitReassembler r = new SplitReassembler(TIMEOUT, 2, 100);
        r.accept(packet(1, 2, "20160801080000", MN), T0);
        r.accept(packet(1, 2, "20160801081000", MN), T0.plusSeconds(1));
        r.accept(packet(1, 2, "20160801082000", MN), T0.plusSeconds(2));
        assertEquals(2, r.pending());
        List<Incomplete> gone = r.expire(T0.plusSeconds(3));
        assertEquals(1, gone.size());
        assertEquals("evicted", gone.get(0).reason());
        assertEquals("20160801080000", gone.get(0).key().dataTime());
    }
}
