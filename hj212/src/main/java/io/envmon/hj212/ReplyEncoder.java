package io.envmon.hj212;

import java.util.Optional;
import java.util.Set;

/**
 * The platform's answers to device frames (hj212.md §3.4), byte-exact:
 * <ul>
 *   <li>2017/2025: {@code QN=<same>;ST=91;CN=9014;PW=<same>;MN=<same>;Flag=<f>;CP=&&&&}, and the same with
 *       {@code CN=9013} for a notification. {@code f} is the received Flag with A and D cleared (hj212.md §3.4
 *       proposal): 4 for every 2017 device, as in all Appendix C examples; 8 for 2025 devices.</li>
 *   <li>HJ/T 212-2005 (Flag without version bits): no QN/Flag in the header, the acknowledged QN in CP (hj212.md
 *       §3.4 item 5): {@code ST=91;CN=9014;PW=..;MN=..;CP=&&QN=<qn>;CN=<acked CN>&&} and
 *       {@code ST=91;CN=9013;PW=..;MN=..;Flag=0;CP=&&QN=<qn>&&}. PW and MN are written, as in the 9011/9013
 *       forms, so a device on a shared link can tell the reply is its own.</li>
 * </ul>
 * Fields the device did not send (no QN, no PW) are left out rather than invented.
 *
 * <p>Never call this for a {@link DecodeResult.CrcMismatch}: the standard wants no answer, so the device resends.
 */
public final class ReplyEncoder {

    public static final String ST_SYSTEM = "91";
    public static final String CN_NOTIFICATION_REPLY = "9013";
    public static final String CN_DATA_REPLY = "9014";
    /** 1013: the device's time-calibration request, the notification a platform answers with 9013 (§3.4 item 2). */
    public static final String CN_TIME_CALIBRATION_REQUEST = "1013";
    private static final Set<String> REPLIES = Set.of("9011", "9012", "9013", "9014");

    private ReplyEncoder() {
    }

    /**
     * The reply a frame asks for: none unless Flag bit A is set; none to a reply (9011..9014); 9013 to the
     * time-calibration notification 1013; 9014 to every other upload, each split packet with its own QN.
     */
    public static Optional<byte[]> replyFor(Hj212Frame frame) {
        if (!frame.needsAnswer() || REPLIES.contains(frame.cn())) {
            return Optional.empty();
        }
        return Optional.of(CN_TIME_CALIBRATION_REQUEST.equals(frame.cn())
                ? notificationReply(frame)
                : dataReply(frame));
    }

    /** CN=9014, the data answer to an upload. */
    public static byte[] dataReply(Hj212Frame upload) {
        return FrameEncoder.encode(dataReplyFrame(upload));
    }

    /** CN=9013, the notification answer. */
    public static byte[] notificationReply(Hj212Frame notification) {
        return FrameEncoder.encode(notificationReplyFrame(notification));
    }

    public static OutboundFrame dataReplyFrame(Hj212Frame upload) {
        if (is2005(upload)) {
            String cp = (upload.qn() == null ? "" : "QN=" + upload.qn() + ";") + "CN=" + upload.cn();
            return OutboundFrame.of(null, ST_SYSTEM, CN_DATA_REPLY, upload.pw(), upload.mn(), null, cp);
        }
        return OutboundFrame.of(upload.qn(), ST_SYSTEM, CN_DATA_REPLY, upload.pw(), upload.mn(),
                upload.flag().replyValue(), "");
    }

    public static OutboundFrame notificationReplyFrame(Hj212Frame notification) {
        if (is2005(notification)) {
            String cp = notification.qn() == null ? "" : "QN=" + notification.qn();
            return OutboundFrame.of(null, ST_SYSTEM, CN_NOTIFICATION_REPLY, notification.pw(), notification.mn(), 0,
                    cp);
        }
        return OutboundFrame.of(notification.qn(), ST_SYSTEM, CN_NOTIFICATION_REPLY, notification.pw(),
                notification.mn(), notification.flag().replyValue(), "");
    }

    private static boolean is2005(Hj212Frame frame) {
        return frame.version() == ProtocolVersion.V2005;
    }
}
