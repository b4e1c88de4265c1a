package io.envmon.model;

/**
 * A device topic of CONTRACT §1, parsed: {@code {root}/air/{station}}, {@code {root}/water/{section}},
 * {@code {root}/enterprise/{enterprise}/{outlet}}. For air and water {@code outlet} is {@code null}.
 */
public record Topic(SiteKind kind, String site, String outlet) {

    /** Builds the topic string under {@code root}. */
    public String render(String root) {
        String base = root + "/" + kind.topicSegment() + "/" + site;
        return outlet == null ? base : base + "/" + outlet;
    }

    public static Topic air(String station) {
        return new Topic(SiteKind.AIR, station, null);
    }

    public static Topic water(String section) {
        return new Topic(SiteKind.WATER, section, null);
    }

    public static Topic enterprise(String enterprise, String outlet) {
        return new Topic(SiteKind.ENTERPRISE, enterprise, outlet);
    }

    /**
     * Parses a topic under {@code root}.
     *
     * @throws IllegalArgumentException naming what is wrong with the topic (reason {@code bad_topic})
     */
    public static Topic parse(String root, String topic) {
        String prefix = root + "/";
        if (topic == null || !topic.startsWith(prefix)) {
            throw new IllegalArgumentException("topic does not start with '" + prefix + "'");
        }
        String[] parts = topic.substring(prefix.length()).split("/", -1);
        SiteKind kind = SiteKind.fromTopicSegment(parts[0]);
        if (kind == null) {
            throw new IllegalArgumentException("'" + parts[0] + "' is not a device kind (air, water, enterprise)");
        }
        int expected = kind == SiteKind.ENTERPRISE ? 3 : 2;
        if (parts.length != expected) {
            throw new IllegalArgumentException(kind == SiteKind.ENTERPRISE
                    ? "expected " + prefix + "enterprise/{enterpriseId}/{outletId}"
                    : "expected " + prefix + kind.topicSegment() + "/{id}");
        }
        for (int i = 1; i < parts.length; i++) {
            if (!SiteIds.isValid(parts[i])) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not a valid ID (letters, digits, _ . -; 1-64)");
            }
        }
        return new Topic(kind, parts[1], kind == SiteKind.ENTERPRISE ? parts[2] : null);
    }
}
