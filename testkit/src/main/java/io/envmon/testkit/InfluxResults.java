package io.envmon.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the JSON answers of InfluxDB 1.x {@code /query}. */
final class InfluxResults {

    private InfluxResults() {
    }

    /** @return the first error message (top-level or of a statement), or null */
    static String firstError(JsonNode answer) {
        if (answer.hasNonNull("error")) {
            return answer.get("error").asText();
        }
        for (JsonNode result : answer.path("results")) {
            if (result.hasNonNull("error")) {
                return "statement " + result.path("statement_id").asInt() + ": " + result.get("error").asText();
            }
        }
        return null;
    }

    static List<Map<String, Object>> rows(JsonNode answer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            for (JsonNode series : result.path("series")) {
                JsonNode columns = series.path("columns");
                for (JsonNode values : series.path("values")) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i).asText(), toJava(values.get(i)));
                    }
                    Iterator<Map.Entry<String, JsonNode>> tags = series.path("tags").fields();
                    while (tags.hasNext()) {
                        Map.Entry<String, JsonNode> tag = tags.next();
                        row.putIfAbsent(tag.getKey(), toJava(tag.getValue()));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static long count(JsonNode answer) {
        long total = 0;
        for (Map<String, Object> row : rows(answer)) {
            long largest = 0;
            for (Map.Entry<String, Object> column : row.entrySet()) {
                if (!"time".equals(column.getKey()) && column.getValue() instanceof Number number) {
                    largest = Math.max(largest, number.longValue());
                }
            }
            total += largest;
        }
        return total;
    }

    private static Object toJava(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }
}
