package io.envmon.ingest.alerts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Envmon-Signature} of a delivery: {@code sha256=} and the lowercase hex HMAC-SHA256, keyed with the
 * webhook's secret, of {@code <timestamp>.<body>} (the {@code X-Envmon-Timestamp} value, a full stop, then the
 * exact body bytes). Binding the timestamp lets receivers refuse replays of an old delivery.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Envmon-Signature";
    public static final String TIMESTAMP_HEADER = "X-Envmon-Timestamp";
    public static final String EVENT_ID_HEADER = "X-Envmon-Event-Id";
    public static final String DELIVERY_HEADER = "X-Envmon-Delivery";
    public static final String ATTEMPT_HEADER = "X-Envmon-Attempt";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** {@code sha256=<hex>} over {@code epochSeconds + "." + body}. */
    public static String sign(byte[] secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe; one per call is cheap at alert rates
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * What a receiver does, here for tests and as the reference for the documentation: recompute and compare in
     * constant time.
     */
    public static boolean verify(byte[] secret, long epochSeconds, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, epochSeconds, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
