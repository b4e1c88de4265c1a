package io.envmon.ingest.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.FrameDecoder;
import io.envmon.hj212.FrameEncoder;
import io.envmon.hj212.FrameResult;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.Hj212Time;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The registry, frames and a TCP data logger for the HJ 212 integration tests. */
final class Hj212Fixtures {

    static final String AIR_MN = "14070301000001";
    static final String WATER_MN = "14070302000001";
    static final String STACK_MN = "010000A8900016F000169DC0";
    static final String WASTE_MN = "010000A8900016F000169DC1";

    static final String REGISTRY = """
            air:
              - {id: S01, name: 测试站一, mn: "14070301000001"}
            water:
              - {id: W01, name: 象峪河测试断面, river: 象峪河, targetClass: III, mn: "14070302000001"}
            enterprises:
              - id: E001
                name: 测试玛钢铸造有限公司
                industry: foundry
                outlets:
                  - {id: DA001, type: stack, referenceO2: 15, mn: "010000A8900016F000169DC0", hj212: {password: "123456"}, limits: {particulate: 40, so2: 200, nox: 300}}
                  - {id: DW001, type: wastewater, mn: "010000A8900016F000169DC1", limits: {cod: 100, nh3n: 15, ph: [6, 9]}}
            """;

    /** Every device's password as the deployment hands them over (DA001 has its own in the registry too). */
    static final String PASSWORDS = """
            14070301000001 123456
            14070302000001 123456
            010000A8900016F000169DC1 123456
            """;

    private Hj212Fixtures() {
    }

    /** {@code YYYYMMDDhhmmss} in Beijing time, as devices write DataTime. */
    static String dataTime(Instant t) {
        return Hj212Time.format(t, Hj212Config.DEFAULT_ZONE);
    }

    /** A recent whole minute: a DataTime the service accepts (not in the future). */
    static Instant recentMinute(int minutesAgo) {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(minutesAgo, ChronoUnit.MINUTES);
    }

    static byte[] frame(String segment) {
        return FrameEncoder.frame(segment);
    }

    /** A 2017 upload asking for an answer (Flag=5), PW 123456. */
    static byte[] upload(String qn, String st, String cn, String mn, String cp) {
        return frame("QN=" + qn + ";ST=" + st + ";CN=" + cn + ";PW=123456;MN=" + mn + ";Flag=5;CP=&&" + cp + "&&");
    }

    /** Packet {@code pno} of {@code pnum} of a split upload (Flag=7). */
    static byte[] packet(String qn, String st, String cn, String mn, int pnum, int pno, String cp) {
        return frame("QN=" + qn + ";ST=" + st + ";CN=" + cn + ";PW=123456;MN=" + mn + ";Flag=7;PNUM=" + pnum + ";PNO="
                + pno + ";CP=&&" + cp + "&&");
    }

    /** The same frame with its CRC changed. */
    static byte[] withBadCrc(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8).trim();
        String crc = text.substring(text.length() - 4);
        return (text.substring(0, text.length() - 4) + (crc.equals("0000") ? "0001" : "0000") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String qnOf(String reply) {
        int at = reply.indexOf("QN=") + 3;
        return reply.substring(at, reply.indexOf(';', at));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A data logger on a plain java.net.Socket: writes bytes, reads replies (cut by the codec's FrameDecoder). */
    static final class TcpDevice implements AutoCloseable {
        private final Socket socket;
        private final FrameDecoder decoder = new FrameDecoder(Hj212Config.strict());
        final List<String> replies = new ArrayList<>();

        TcpDevice(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(50);
        }

        void write(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        /**
         * Waits for the next reply and runs {@code onArrival} the moment it is read (to look at the database
         * before anything else happens).
         */
        String awaitReply(Duration timeout, Consumer<String> onArrival) throws IOException {
            int before = replies.size();
            long end = System.nanoTime() + timeout.toNanos();
            while (replies.size() == before && System.nanoTime() < end) {
                poll();
            }
            assertTrue(replies.size() > before, "no reply within " + timeout + "; replies so far: " + replies);
            String reply = replies.get(before);
            onArrival.accept(reply);
            return reply;
        }

        /** Waits until {@code total} replies have been read on this connection. */
        List<String> awaitReplies(int total, Duration timeout) throws IOException {
            long end = System.nanoTime() + timeout.toNanos();
            while (replies.size() < total && System.nanoTime() < end) {
                poll();
            }
            assertTrue(replies.size() >= total, "expected " + total + " replies within " + timeout + ": " + replies);
            return replies;
        }

        String awaitReply(Duration timeout) throws IOException {
            return awaitReply(timeout, r -> { });
        }

        /** Reads whatever arrives during {@code d}. */
        void drain(Duration d) throws IOException {
            long end = System.nanoTime() + d.toNanos();
            while (System.nanoTime() < end) {
                poll();
            }
        }

        private void poll() throws IOException {
            byte[] buf = new byte[4096];
            InputStream in = socket.getInputStream();
            try {
                int n = in.read(buf);
                if (n > 0) {
                    for (FrameResult r : decoder.feed(buf, 0, n)) {
                        if (r instanceof FrameResult.RawFrame raw) {
                            replies.add(raw.text());
                        }
                    }
                }
            } catch (SocketTimeoutException e) {
                // nothing yet
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
