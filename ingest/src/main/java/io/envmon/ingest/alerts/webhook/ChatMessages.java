package io.envmon.ingest.alerts.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.alerts.event.AlertEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bodies of the group robots, each in its platform's documented shape (docs/webhooks.md, "Message
 * formats"): DingTalk {@code markdown} ({@code title}, {@code text}), WeCom {@code markdown} ({@code content}, at most
 * {@value #WECOM_MAX_BYTES} bytes), Feishu {@code post} ({@code zh_cn} title and paragraphs, the body under 20 KB).
 * A digest lists as many events as fit and says how many more there are.
 */
final class ChatMessages {

    /** WeCom: "markdown内容，最长不超过4096个字节，必须是utf8编码". */
    static final int WECOM_MAX_BYTES = 4096;
    /** DingTalk documents no hard limit for markdown; long messages are cut in the client: keep them readable. */
    static final int DINGTALK_MAX_BYTES = 16_000;
    /** Feishu: the request body must not exceed 20 KB; the text stays under it with room for the JSON around it. */
    static final int FEISHU_MAX_BYTES = 16_000;

    private final ObjectMapper json = new ObjectMapper();

    /** {@code {"msgtype":"markdown","markdown":{"title":…,"text":…}}}. */
    String dingTalk(List<AlertEvent> events) {
        ObjectNode root = json.createObjectNode();
        root.put("msgtype", "markdown");
        ObjectNode md = root.putObject("markdown");
        md.put("title", title(events));
        md.put("text", markdown(events, DINGTALK_MAX_BYTES, false));
        return root.toString();
    }

    /** {@code {"msgtype":"markdown","markdown":{"content":…}}}: WeCom's markdown has no lists; quotes carry the facts. */
    String weCom(List<AlertEvent> events) {
        ObjectNode root = json.createObjectNode();
        root.put("msgtype", "markdown");
        root.putObject("markdown").put("content", markdown(events, WECOM_MAX_BYTES, true));
        return root.toString();
    }

    /**
     * {@code {"timestamp":…,"sign":…,"msg_type":"post","content":{"post":{"zh_cn":{"title":…,"content":[[{"tag":"text",…}]]}}}}};
     * {@code timestamp} and {@code sign} only when signed.
     */
    String feishu(List<AlertEvent> events, Long epochSeconds, String sign) {
        ObjectNode root = json.createObjectNode();
        if (sign != null) {
            root.put("timestamp", Long.toString(epochSeconds));
            root.put("sign", sign);
        }
        root.put("msg_type", "post");
        ObjectNode zh = root.putObject("content").putObject("post").putObject("zh_cn");
        zh.put("title", title(events));
        ArrayNode paragraphs = zh.putArray("content");
        int bytes = 0;
        int shown = 0;
        for (AlertEvent e : events) {
            List<String> lines = new ArrayList<>();
            if (events.size() > 1) {
                lines.add(AlertText.mark(e) + " " + AlertText.headline(e));
            }
            lines.add(e.message());
            for (String[] f : AlertText.facts(e)) {
                lines.add(f[0] + ": " + f[1]);
            }
            int size = lines.stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length + 40).sum();
            if (shown > 0 && bytes + size > FEISHU_MAX_BYTES) {
                break;
            }
            bytes += size;
            shown++;
            for (String line : lines) {
                paragraphs.addArray().addObject().put("tag", "text").put("text", line);
            }
            if (events.size() > 1) {
                paragraphs.addArray().addObject().put("tag", "text").put("text", "");
            }
        }
        if (shown < events.size()) {
            paragraphs.addArray().addObject().put("tag", "text").put("text", more(events.size() - shown));
        }
        return root.toString();
    }

    /** Robot titles: the event's headline, or a digest's. */
    static String title(List<AlertEvent> events) {
        AlertEvent e = events.get(0);
        return events.size() == 1 ? AlertText.mark(e) + " " + AlertText.headline(e)
                : "envmon " + AlertText.digestHeadline(events);
    }

    private static String markdown(List<AlertEvent> events, int maxBytes, boolean quotes) {
        StringBuilder out = new StringBuilder();
        if (events.size() > 1) {
            out.append("### ").append(escape(title(events))).append("\n\n");
        }
        int shown = 0;
        for (AlertEvent e : events) {
            String block = block(e, quotes);
            String tail = shown + 1 < events.size() ? more(events.size() - shown - 1) : "";
            if (out.toString().getBytes(StandardCharsets.UTF_8).length + block.getBytes(StandardCharsets.UTF_8).length
                    + tail.getBytes(StandardCharsets.UTF_8).length + 2 > maxBytes) {
                if (shown == 0) {
                    // a single event longer than the limit: cut its text, keep the headline
                    out.append(cut(block, maxBytes - out.toString().getBytes(StandardCharsets.UTF_8).length - 8));
                    shown = 1;
                }
                break;
            }
            out.append(block);
            shown++;
        }
        if (shown < events.size()) {
            out.append(more(events.size() - shown));
        }
        return out.toString().strip();
    }

    private static String block(AlertEvent e, boolean quotes) {
        StringBuilder b = new StringBuilder();
        b.append("#### ").append(AlertText.mark(e)).append(' ').append(escape(AlertText.headline(e))).append("\n\n");
        b.append(escape(e.message())).append("\n\n");
        for (String[] f : AlertText.facts(e)) {
            b.append(quotes ? "> " : "- ").append("**").append(f[0]).append("**: ").append(escape(f[1])).append('\n');
        }
        return b.append('\n').toString();
    }

    private static String more(int n) {
        return "…… 另有 " + n + " 条，见告警控制台 / " + n + " more: see the alert console\n";
    }

    /**
     * Text goes in as it is: the robots' markdown dialects document no escape character (WeCom and DingTalk would
     * show a backslash), and what envmon writes (names, IDs such as {@code permit_limit}, units) has no emphasis
     * markers or links that a CommonMark reader would take as markup. A line starting with {@code #} or {@code >}
     * would; none does.
     */
    private static String escape(String s) {
        return s;
    }

    private static String cut(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        int end = Math.max(0, maxBytes);
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // not inside a UTF-8 sequence
        }
        return new String(b, 0, end, StandardCharsets.UTF_8) + " ……";
    }
}
