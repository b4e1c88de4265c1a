package io.envmon.ingest.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a report answers (docs/api.md#reports): one page of items, as JSON ({@code {"report", "period", "page",
 * "pageSize", "total", "items"}}) or, with {@code format=csv} or {@code Accept: text/csv}, as CSV in UTF-8 with a
 * byte-order mark (so that Excel opens Chinese names), a header line and CRLF line ends (RFC 4180). An item is an
 * ordered map of columns; a column holding a list of maps (an outlet's parameters) becomes one CSV line per
 * element, the item's other columns repeated.
 */
final class ReportOutput {

    static final int MAX_PAGE_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The page asked for: {@code page} from 1, {@code pageSize} 1..1000 (default 100); the format. */
    record Page(int page, int size, boolean csv) {

        <T> List<T> slice(List<T> all) {
            int from = (int) Math.min(all.size(), (long) (page - 1) * size);
            return all.subList(from, Math.min(all.size(), from + size));
        }
    }

    private ReportOutput() {
    }

    /** The page and format of the request, or {@code null} when answered 400. */
    static Page page(RoutingContext rc) {
        Integer page = ApiRequests.intParam(rc, "page", 1);
        Integer size = ApiRequests.intParam(rc, "pageSize", 100);
        if (page == null || page < 1 || size == null || size < 1 || size > MAX_PAGE_SIZE) {
            ApiRequests.error(rc, 400, "page must be a whole number ≥ 1 and pageSize 1 to " + MAX_PAGE_SIZE);
            return null;
        }
        Boolean csv = csvAsked(rc);
        return csv == null ? null : new Page(page, size, csv);
    }

    /**
     * Whether the request asks for CSV ({@code format=csv}, or no {@code format} and {@code Accept: text/csv}); null
     * when {@code format} is neither json nor csv (answered 400).
     */
    static Boolean csvAsked(RoutingContext rc) {
        String format = ApiRequests.param(rc, "format", null);
        String accept = rc.request().getHeader("Accept");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            ApiRequests.error(rc, 400, "format must be json or csv");
            return null;
        }
        return "csv".equals(format) || format == null && accept != null && accept.contains("text/csv");
    }

    static void respond(RoutingContext rc, Page page, String report, String period, int total,
                        List<Map<String, Object>> items) {
        rc.response().putHeader("X-Total-Count", String.valueOf(total));
        if (page.csv()) {
            String name = report.replace('/', '-') + "-" + period + (total > page.size() ? "-p" + page.page() : "");
            respondCsv(rc, name, List.of(), items);
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("report", report).put("period", period)
                .put("page", page.page()).put("pageSize", page.size()).put("total", total);
        ArrayNode array = body.putArray("items");
        items.forEach(item -> array.add(JSON.valueToTree(item)));
        ApiRequests.respondRaw(rc, 200, body.toString());
    }

    /**
     * The items as a CSV attachment {@code envmon-{name}.csv}: UTF-8 with a byte-order mark, the {@code header}
     * columns first (so that a report with no item still has its header line), then the items' others.
     */
    static void respondCsv(RoutingContext rc, String name, List<String> header, List<Map<String, Object>> items) {
        rc.response().setStatusCode(200).putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"envmon-" + name + ".csv\"")
                .end("\uFEFF" + csv(header, items));
    }

    /** The items as CSV: the union of their columns, in order of first appearance. */
    static String csv(List<Map<String, Object>> items) {
        return csv(List.of(), items);
    }

    /** The items as CSV: the {@code header} columns, then the others of the items in order of first appearance. */
    static String csv(List<String> header, List<Map<String, Object>> items) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> item : items) {
            lines.addAll(flatten(item));
        }
        Set<String> columns = new LinkedHashSet<>(header);
        lines.forEach(l -> columns.addAll(l.keySet()));
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(ReportOutput::field).toList())).append("\r\n");
        for (Map<String, Object> line : lines) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(field(line.get(c)));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> flatten(Map<String, Object> item) {
        Map<String, Object> base = new LinkedHashMap<>();
        String nestedKey = null;
        List<Map<String, Object>> nested = List.of();
        for (Map.Entry<String, Object> e : item.entrySet()) {
            if (e.getValue() instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
                nestedKey = e.getKey();
                nested = (List<Map<String, Object>>) list;
            } else {
                base.put(e.getKey(), e.getValue());
            }
        }
        if (nestedKey == null) {
            return List.of(base);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> child : nested) {
            Map<String, Object> line = new LinkedHashMap<>(base);
            child.forEach(line::put);
            out.add(line);
        }
        return out;
    }

    /** One CSV field: lists joined with "; ", quoted when it holds a comma, a quote or a line break. */
    private static String field(Object value) {
        String s;
        if (value == null) {
            s = "";
        } else if (value instanceof List<?> list) {
            s = String.join("; ", list.stream().map(String::valueOf).toList());
        } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            s = String.valueOf(d.longValue());
        } else {
            s = String.valueOf(value);
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
