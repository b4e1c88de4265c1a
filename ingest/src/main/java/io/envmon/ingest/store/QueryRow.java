package io.envmon.ingest.store;

import java.util.Map;

/**
 * One row of an InfluxQL answer: the measurement, its tags (from GROUP BY, or tag columns of {@code SELECT *}
 * as values), the time in epoch milliseconds, and each column's raw text (absent when null).
 */
public record QueryRow(String measurement, Map<String, String> tags, long time, Map<String, String> values) {

    public QueryRow {
        tags = Map.copyOf(tags);
        values = Map.copyOf(values);
    }

    public String value(String column) {
        String v = values.get(column);
        return v == null ? tags.get(column) : v;
    }

    public Double number(String column) {
        String v = value(column);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
