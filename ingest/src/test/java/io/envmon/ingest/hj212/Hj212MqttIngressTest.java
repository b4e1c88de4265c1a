package io.envmon.ingest.hj212;

import static io.envmon.ingest.hj212.Hj212TestKit.AIR_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.WATER_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.frame;
import static io.envmon.ingest.hj212.Hj212TestKit.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.pipeline.DeadLetter;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HJ 212 over MQTT: which topics are HJ 212's, where replies go, and that a lost reply does not lose the frame. */
class Hj212MqttIngressTest {

    record Published(String topic, String payload) {
    }

    final Hj212TestKit kit = new Hj212TestKit();
    final List<Published> published = new ArrayList<>();
    boolean failPublish;
    final Hj212MqttIngress ingress = kit.mqttIngress("env", 4096, (topic, payload) -> {
        if (failPublish) {
            return Future.failedFuture("broker gone");
        }
        published.add(new Published(topic, Hj212TestKit.text(payload)));
        return Future.succeededFuture();
    });

    Future<Void> process(String topic, byte[] payload) {
        return ingress.process(new IncomingMessage(topic, payload, 7, 1, false, 1, Hj212TestKit.NOW));
    }

    @Test
    void onlyOneLevelUnderHj212IsAnHj212Topic() {
        assertTrue(ingress.accepts("env/hj212/" + AIR_MN));
        assertFalse(ingress.accepts("env/hj212/" + AIR_MN + "/down"));
        assertFalse(ingress.accepts("env/hj212/"));
        assertFalse(ingress.accepts("env/air/TG-A01"));
        assertFalse(ingress.accepts("other/hj212/" + AIR_MN));
    }

    @Test
    void theReplyIsPublishedOnTheDevicesDownTopicAfterStorage() {
        Future<Void> done = process("env/hj212/" + AIR_MN, frame(upload("20261128095900001", "22", "2011", AIR_MN, 5,
                "DataTime=20261128095900;a34004-Rtd=35.2")));
        assertTrue(done.succeeded());
        assertEquals(1, kit.rows("air").size());
        assertEquals("env/hj212/" + AIR_MN + "/down", published.get(0).topic());
        assertTrue(published.get(0).payload().contains("QN=20261128095900001;ST=91;CN=9014;"));
        assertEquals(1, kit.count("envmon.hj212.replies", "transport", "mqtt", "cn", "9014"));
    }

    /** The broker vouches for the topic only, so a frame naming another MN is not that device's data (docs/hj212.md). */
    @Test
    void aFrameWhoseMnIsNotTheTopicsIsUnauthorizedNeitherStoredNorAnswered() {
        assertTrue(process("env/hj212/" + AIR_MN, frame(upload("20261128095900002", "21", "2011", WATER_MN, 5,
                "DataTime=20261128095900;w01009-Rtd=7.5"))).succeeded());
        assertTrue(kit.rows("water").isEmpty() && kit.rows("air").isEmpty(), kit.stored.toString());
        assertTrue(published.isEmpty(), published.toString());
        DeadLetter letter = kit.deadLetters.get(0);
        assertEquals("unauthorized", letter.reason().code());
        assertEquals("env/hj212/" + AIR_MN, letter.topic());
        assertTrue(letter.detail().contains("MN '" + WATER_MN + "' (XYH-01)"), letter.detail());
        assertTrue(letter.detail().contains("topic of MN '" + AIR_MN + "'"), letter.detail());
        assertEquals(1, kit.count("envmon.hj212.frames", "transport", "mqtt", "outcome", "unauthorized"));
    }

    @Test
    void aReplyThatCannotBePublishedStillLetsTheMessageBeAcknowledged() {
        failPublish = true;
        assertTrue(process("env/hj212/" + AIR_MN, frame(upload("20261128095900003", "22", "2011", AIR_MN, 5,
                "DataTime=20261128095900;a34004-Rtd=35.2"))).succeeded());
        assertEquals(1, kit.rows("air").size());
        assertEquals(1, kit.count("envmon.hj212.replies.undelivered", "transport", "mqtt"));
    }

    @Test
    void anOversizedPayloadIsTooLarge() {
        assertTrue(process("env/hj212/" + AIR_MN, new byte[5000]).succeeded());
        assertEquals("too_large", kit.deadLetters.get(0).reason().code());
        assertTrue(published.isEmpty());
    }

    @Test
    void refusedFramesAreAcknowledgedWithoutReply() {
        assertTrue(process("env/hj212/" + AIR_MN, "not a frame".getBytes()).succeeded());
        assertEquals("bad_frame", kit.deadLetters.get(0).reason().code());
        assertTrue(published.isEmpty());
        assertEquals(1.0, kit.metrics.meterRegistry().get("envmon.messages.received").counter().count(),
                "a refused frame is still a received message");
    }
}
