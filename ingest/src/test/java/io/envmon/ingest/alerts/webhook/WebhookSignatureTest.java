package io.envmon.ingest.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test vector of docs/webhooks.md, computed with {@code openssl dgst -sha256 -hmac} and Python's hmac. */
class WebhookSignatureTest {

    static final byte[] SECRET = "taigu-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final byte[] BODY = "{\"id\":\"a1\",\"state\":\"open\"}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "sha256=626ba3e094a7dd8a604a6f1639d119747e2f57f1c64a6a26efef9003f78cb374";

    @Test
    void matchesTheDocumentedVector() {
        assertEquals(EXPECTED, WebhookSignature.sign(SECRET, 1_764_288_000L, BODY));
    }

    @Test
    void verifyRefusesAnotherTimestampBodyOrSecret() {
        assertTrue(WebhookSignature.verify(SECRET, 1_764_288_000L, BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, 1_764_288_001L, BODY, EXPECTED), "replayed with a new timestamp");
        assertFalse(WebhookSignature.verify(SECRET, 1_764_288_000L,
                "{\"id\":\"a1\",\"state\":\"resolved\"}".getBytes(StandardCharsets.UTF_8), EXPECTED));
        assertFalse(WebhookSignature.verify("another-secret-0123456789".getBytes(StandardCharsets.UTF_8),
                1_764_288_000L, BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, 1_764_288_000L, BODY, null));
    }
}
