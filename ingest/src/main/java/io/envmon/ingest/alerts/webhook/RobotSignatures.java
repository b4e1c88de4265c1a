package io.envmon.ingest.alerts.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of the group robots, each exactly as its platform documents it (verified sources in
 * docs/webhooks.md, "Platform documentation checked"). They differ on purpose, so do not unify them:
 * <ul>
 *   <li><b>DingTalk</b> ("加签"): the string {@code timestamp + "\n" + secret} is HMAC-SHA256'd with the <em>secret</em> as
 *       key; Base64; URL-encoded into the query ({@code &timestamp=…&sign=…}). Timestamp in <em>milliseconds</em>,
 *       within an hour of DingTalk's clock.</li>
 *   <li><b>Feishu</b> ("签名校验"): the string {@code timestamp + "\n" + secret} is the HMAC-SHA256 <em>key</em>, and the
 *       message is <em>empty</em>; Base64; sent in the JSON body ({@code "timestamp"}, {@code "sign"}). Timestamp in
 *       <em>seconds</em>, within an hour.</li>
 * </ul>
 */
public final class RobotSignatures {

    private static final String HMAC = "HmacSHA256";

    private RobotSignatures() {
    }

    /** DingTalk's {@code sign} before URL encoding: Base64(HMAC-SHA256(key = secret, message = ms + "\n" + secret)). */
    public static String dingTalk(String secret, long epochMillis) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(hmac(key, (epochMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** The query DingTalk expects appended to the robot URL: {@code timestamp=…&sign=…} (sign URL-encoded). */
    public static String dingTalkQuery(String secret, long epochMillis) {
        return "timestamp=" + epochMillis + "&sign=" + URLEncoder.encode(dingTalk(secret, epochMillis), StandardCharsets.UTF_8);
    }

    /** Feishu's {@code sign}: Base64(HMAC-SHA256(key = seconds + "\n" + secret, message = empty)). */
    public static String feishu(String secret, long epochSeconds) {
        byte[] key = (epochSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(hmac(key, new byte[0]));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
