package io.envmon.alerts.lifecycle;

import java.util.Objects;

/** A message in Chinese and English; rendered as {@code "中文 / English"} in the event's {@code message}. */
public record Text(String zh, String en) {

    public Text {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public String render() {
        return zh + " / " + en;
    }

    /** Splits a rendered message back (at the first {@code " / "}); the whole text in both when there is none. */
    public static Text parse(String message) {
        int i = message.indexOf(" / ");
        return i < 0 ? new Text(message, message) : new Text(message.substring(0, i), message.substring(i + 3));
    }
}
