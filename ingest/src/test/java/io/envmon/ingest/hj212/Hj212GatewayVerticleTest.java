package io.envmon.ingest.hj212;

import static io.envmon.ingest.hj212.Hj212TestKit.AIR_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.STACK_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.WASTE_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.frame;
import static io.envmon.ingest.hj212.Hj212TestKit.upload;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.FrameDecoder;
import io.envmon.hj212.FrameResult;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.ParseMode;
import io.envmon.ingest.config.Hj212ServiceConfig;
import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.model.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway on a real Vert.x NetServer with plain java.net.Socket devices and an in-memory store. */
class Hj212GatewayVerticleTest {

    final Hj212TestKit kit = new Hj212TestKit();
    final FakeStore store = new FakeStore();
    Vertx vertx = Vertx.vertx();
    Hj212GatewayVerticle gateway;
    final List<Device> devices = new ArrayList<>();

    /** Records what the gateway stores; can hold the stores back to look at the gateway while frames are pending. */
    static final class FakeStore implements Hj212Store {
        final List<String> stored = new CopyOnWriteArrayList<>();
        final List<String> origins = new CopyOnWriteArrayList<>();
        final List<Rejection> rejected = new CopyOnWriteArrayList<>();
        final List<Runnable> held = new CopyOnWriteArrayList<>();
        /** What {@link #probe} said at each store: the gateway's state when it stored a frame. */
        final List<Object> probed = new CopyOnWriteArrayList<>();
        volatile boolean hold;
        volatile java.util.function.Supplier<Object> probe = () -> null;

        @Override
        public Future<Void> store(IncomingMessage origin, Admitted frame) {
            origins.add(origin.topic());
            probed.add(probe.get());
            if (!hold) {
                stored.add(frame.frame().qn());
                return Future.succeededFuture();
            }
            Context context = Vertx.currentContext();
            Promise<Void> p = Promise.promise();
            held.add(() -> context.runOnContext(v -> {
                stored.add(frame.frame().qn());
                p.complete();
            }));
            return p.future();
        }

        @Override
        public Future<Void> reject(IncomingMessage origin, Rejection rejection) {
            rejected.add(rejection);
            return Future.succeededFuture();
        }

        void release() {
            hold = false;
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    /** A data logger: a socket, and the replies read from it. */
    final class Device implements AutoCloseable {
        final Socket socket;
        final FrameDecoder replies = new FrameDecoder(Hj212Config.strict());
        final List<String> received = new ArrayList<>();

        Device() throws IOException {
            socket = new Socket("127.0.0.1", gateway.actualPort());
            socket.setSoTimeout(100);
            devices.add(this);
        }

        void send(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Reads until {@code n} replies arrived, or fails after 30 s (a ceiling, not an expectation). */
        List<String> awaitReplies(int n) throws IOException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < n && System.nanoTime() < end) {
                poll();
            }
            assertTrue(received.size() >= n, "expected " + n + " replies, got " + received);
            return received;
        }

        /** Reads for a while; true if the gateway closed the connection. */
        boolean closedWithin(Duration d) throws IOException {
            long end = System.nanoTime() + d.toNanos();
            while (System.nanoTime() < end) {
                if (poll() < 0) {
                    return true;
                }
            }
            return false;
        }

        int poll() throws IOException {
            byte[] buf = new byte[4096];
            InputStream in = socket.getInputStream();
            try {
                int n = in.read(buf);
                if (n > 0) {
                    for (FrameResult r : replies.feed(buf, 0, n)) {
                        received.add(((FrameResult.RawFrame) r).text());
                    }
                }
                return n;
            } catch (SocketTimeoutException e) {
                return 0;
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    void start(int maxConnections, int maxPending, Duration idle) throws Exception {
        Hj212ServiceConfig config = new Hj212ServiceConfig(0, ParseMode.LENIENT, Hj212Config.DEFAULT_ZONE, null, idle,
                maxConnections, maxPending, Duration.ofMinutes(5));
        gateway = new Hj212GatewayVerticle(config,
                new Hj212MqttIngress.Services(kit.admission, store, kit.hj212Metrics), Clock.systemUTC());
        vertx.deployVerticle(gateway).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        for (Device d : devices) {
            d.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static byte[] realtime(String qn) {
        return frame(upload(qn, "22", "2011", AIR_MN, 5, "DataTime=20261128095900;a34004-Rtd=35.2"));
    }

    static String qnOf(String reply) {
        int at = reply.indexOf("QN=") + 3;
        return reply.substring(at, reply.indexOf(';', at));
    }

    @Test
    void coalescedFramesInOneWriteAreEachStoredAndAnswered() throws Exception {
        start(10, 64, Duration.ofMinutes(1));
        Device d = new Device();
        byte[] a = realtime("20261128095900001");
        byte[] b = realtime("20261128095900002");
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        d.send(both);
        List<String> replies = d.awaitReplies(2);
        assertEquals(List.of("20261128095900001", "20261128095900002"), replies.stream().map(r -> qnOf(r)).sorted().toList());
        assertTrue(replies.get(0).contains(";CN=9014;"));
        assertTrue(store.origins.get(0).startsWith("tcp:127.0.0.1:"), store.origins.get(0));
        assertEquals(2, kit.count("envmon.hj212.replies", "transport", "tcp", "cn", "9014"));
    }

    @Test
    void aFrameSplitAcrossWritesAndNoiseBeforeItWork() throws Exception {
        start(10, 64, Duration.ofMinutes(1));
        Device d = new Device();
        String f = new String(realtime("20261128095900003"), StandardCharsets.UTF_8).replace("\r\n", "");
        // the pauses are no waits for anything: they let the parts arrive as separate reads (on a busy machine
        // some may coalesce, which the gateway must handle as well)
        d.send("AT+DTU HELLO\r\n" + f.substring(0, 7));
        Thread.sleep(50);
        d.send(f.substring(7, 60));
        Thread.sleep(50);
        d.send(f.substring(60)); // and no CRLF at all
        assertEquals("20261128095900003", qnOf(d.awaitReplies(1).get(0)));
        assertEquals(1, store.rejected.size(), "the DTU banner is noise: " + store.rejected);
    }

    @Test
    void aBadCrcGetsNoReply() throws Exception {
        start(10, 64, Duration.ofMinutes(1));
        Device d = new Device();
        String good = new String(realtime("20261128095900004"), StandardCharsets.UTF_8);
        String crc = good.substring(good.length() - 6, good.length() - 2);
        d.send(good.substring(0, good.length() - 6) + (crc.equals("0000") ? "0001" : "0000") + "\r\n");
        d.send(realtime("20261128095900005"));
        d.send(realtime("20261128095900006"));
        // one connection's frames are handled in order: a reply to the bad frame would come before these two
        List<String> replies = d.awaitReplies(2);
        assertEquals(List.of("20261128095900005", "20261128095900006"), replies.stream().map(r -> qnOf(r)).toList());
        assertEquals(1, store.rejected.size(), store.rejected.toString());
        assertEquals("bad_frame", store.rejected.get(0).reason().code());
    }

    @Test
    void connectionsOverTheLimitAreClosed() throws Exception {
        start(2, 64, Duration.ofMinutes(1));
        Device one = new Device();
        Device two = new Device();
        one.send(realtime("20261128095900006"));
        one.awaitReplies(1);
        Device three = new Device();
        assertTrue(three.closedWithin(Duration.ofSeconds(30)));
        two.send(realtime("20261128095900008"));
        assertEquals("20261128095900008", qnOf(two.awaitReplies(1).get(0)), "the connections within the limit are served");
        assertEquals(1, kit.count("envmon.hj212.connection.events", "event", "refused"));
    }

    @Test
    void anIdleConnectionIsFinishedThenClosed() throws Exception {
        start(10, 64, Duration.ofSeconds(1));
        Device d = new Device();
        // a wrong length field and no line end: only the end of the stream says where the frame ends
        String segment = upload("20261128095900007", "22", "2011", AIR_MN, 5, "DataTime=20261128095900;a34004-Rtd=1");
        String f = new String(frame(segment), StandardCharsets.UTF_8).replace("\r\n", "");
        store.probe = () -> kit.count("envmon.hj212.connection.events", "event", "idle_timeout");
        d.send("##0999" + f.substring(6));
        assertTrue(d.closedWithin(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.stored.contains("20261128095900007"));
        assertEquals(List.of(1.0), store.probed.stream().map(o -> ((Number) o).doubleValue()).toList(),
                "the frame was stored once, by the idle timeout's finish, not before it");
        assertEquals(1, kit.count("envmon.hj212.connection.events", "event", "idle_timeout"));
    }

    @Test
    void aConnectionWithTooManyFramesInStorageIsPausedUntilTheyAreStored() throws Exception {
        start(10, 2, Duration.ofMinutes(1));
        store.hold = true;
        Device d = new Device();
        // one frame per read: each is sent once the one before is in storage
        d.send(realtime("20261128095900101"));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.held.size() == 1);
        d.send(realtime("20261128095900102"));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.held.size() == 2
                && kit.metrics.scrape().contains("envmon_hj212_connections{state=\"paused\"} 1.0"));
        for (int i = 3; i <= 5; i++) {
            d.send(realtime("2026112809590010" + i));
        }
        // paused: what is sent now stays in the socket while two frames wait for storage (a slow machine can only
        // make this check miss a read, never fail it)
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> store.held.size() == 2);
        assertEquals(2, store.held.size(), "the socket is not read beyond the bound");
        store.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            store.release();
            return store.stored.size() == 5;
        });
        assertEquals(5, d.awaitReplies(5).size());
    }

    /** A connection sends for the enterprise, station or section of its first admitted frame only (docs/hj212.md). */
    @Test
    void aConnectionThatSwitchesToAnotherOwnersMnIsUnauthorizedForThoseFrames() throws Exception {
        start(10, 64, Duration.ofMinutes(1));
        Device logger = new Device();
        logger.send(frame(upload("20261128095900301", "31", "2011", STACK_MN, 5, "DataTime=20261128095900;a21026-Rtd=12")));
        logger.awaitReplies(1);
        logger.send(realtime("20261128095900302")); // station TG-A01's MN, not E001's
        // another outlet of the same enterprise: one logger may send for several
        logger.send(frame(upload("20261128095900303", "32", "2011", WASTE_MN, 5, "DataTime=20261128095900;w01018-Rtd=30")));
        List<String> replies = logger.awaitReplies(2);
        assertEquals(List.of("20261128095900301", "20261128095900303"), replies.stream().map(r -> qnOf(r)).toList());
        assertEquals(List.of("20261128095900301", "20261128095900303"), store.stored);
        assertEquals(1, store.rejected.size(), store.rejected.toString());
        Rejection refused = store.rejected.get(0);
        assertEquals("unauthorized", refused.reason().code());
        assertTrue(refused.detail().contains("MN '" + AIR_MN + "' (TG-A01) belongs to air-TG-A01")
                && refused.detail().contains("enterprise-E001"), refused.detail());
        assertEquals(1, kit.count("envmon.hj212.frames", "transport", "tcp", "outcome", "unauthorized"));

        Device station = new Device();
        station.send(realtime("20261128095900304"));
        assertEquals("20261128095900304", qnOf(station.awaitReplies(1).get(0)), "the station's own connection");
    }

    @Test
    void aDeviceThatReconnectsGetsItsReplyOnTheNewConnection() throws Exception {
        start(10, 64, Duration.ofMinutes(1));
        store.hold = true;
        Device old = new Device();
        old.send(realtime("20261128095900201"));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.held.size() == 1);
        Device fresh = new Device();
        fresh.send(realtime("20261128095900202"));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.held.size() == 2);
        store.release();
        List<String> replies = fresh.awaitReplies(2);
        assertEquals(List.of("20261128095900201", "20261128095900202"), replies.stream().map(r -> qnOf(r)).sorted().toList());
        old.poll();
        assertTrue(old.received.isEmpty());
        assertEquals(1, kit.count("envmon.hj212.connection.events", "event", "rebound"));
    }
}
