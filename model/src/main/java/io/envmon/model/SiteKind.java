package io.envmon.model;

import java.util.Arrays;
import java.util.List;

/**
 * The three kinds of monitored point in the contract (CONTRACT §1): each has its topic segment, its
 * InfluxDB measurement and the tags that identify a point in it (CONTRACT §4).
 */
public enum SiteKind {
    AIR("air", "air"),
    WATER("water", "water"),
    ENTERPRISE("enterprise", "emission");

    private final String topicSegment;
    private final String measurement;

    SiteKind(String topicSegment, String measurement) {
        this.topicSegment = topicSegment;
        this.measurement = measurement;
    }

    /** The topic segment after the root, also the {@code kind} used in alert topics. */
    public String topicSegment() {
        return topicSegment;
    }

    public String measurement() {
        return measurement;
    }

    /** {@code air}, {@code water}, {@code enterprise}: the topic segments in this order. */
    public static List<String> topicSegments() {
        return Arrays.stream(values()).map(SiteKind::topicSegment).toList();
    }

    /** The kind whose topic segment this is, or {@code null} (also for {@code null}). */
    public static SiteKind fromTopicSegment(String segment) {
        for (SiteKind kind : values()) {
            if (kind.topicSegment.equals(segment)) {
                return kind;
            }
        }
        return null;
    }
}
