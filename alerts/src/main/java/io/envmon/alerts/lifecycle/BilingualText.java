package io.envmon.alerts.lifecycle;

import java.util.Objects;

/** A message in Chinese and English; rendered as {@code "中文 / English"} in the event's {@code message}. */
public record BilingualText(String zh, String en) {

    public BilingualText {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public String render() {
        return zh + " / " + en;
    }

    /** Splits a rendered message back (at the first {@code " / "}); the whole text in both when there is none. */
    public static BilingualText parse(String message) {
        int i = message.indexOf(" / ");
        return i < 0 ? new BilingualText(message, message) : new BilingualText(message.substring(0, i), message.substring(i + 3));
    }
}
