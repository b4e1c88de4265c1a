package io.envmon.ingest.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * The robots' signatures against vectors computed independently (Python's hmac, as in the platforms' own examples;
 * docs/webhooks.md shows the commands).
 */
class RobotSignaturesTest {

    @Test
    void dingTalkSignsTimestampNewlineSecretWithTheSecretAsKey() {
        String secret = "SECtaigu-dingtalk-test-secret-0123456789";
        assertEquals("hDbc+hUu2Jp+Dh1K115OOgK3xgwZk0b0eEMqv8BoEZ4=", RobotSignatures.dingTalk(secret, 1764288000000L));
        assertEquals("timestamp=1764288000000&sign=hDbc%2BhUu2Jp%2BDh1K115OOgK3xgwZk0b0eEMqv8BoEZ4%3D",
                RobotSignatures.dingTalkQuery(secret, 1764288000000L), "milliseconds, and the sign URL-encoded");
    }

    @Test
    void feishuUsesTimestampNewlineSecretAsTheKeyOfAnEmptyMessage() {
        String secret = "taigu-feishu-test-secret";
        assertEquals("XhaRE0NNSs6qSHt0QiOT0hJTbbBtlvGwviRPx1bW6a8=", RobotSignatures.feishu(secret, 1764288000L));
        assertNotEquals(RobotSignatures.feishu(secret, 1764288000L), RobotSignatures.dingTalk(secret, 1764288000L),
                "the two platforms' schemes differ");
    }
}
