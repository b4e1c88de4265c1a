package io.envmon.grafana.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers to write Grafana JSON: literal objects and arrays, and Grafana's export layout (2 spaces). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** An object from key, value pairs; a null value leaves the key out. */
    public static ObjectNode obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("obj needs key, value pairs");
        }
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                node.set((String) keysAndValues[i], node(value));
            }
        }
        return node;
    }

    public static ArrayNode arr(Object... items) {
        ArrayNode node = NODES.arrayNode();
        for (Object item : items) {
            node.add(node(item));
        }
        return node;
    }

    public static ArrayNode arr(Collection<?> items) {
        return arr(items.toArray());
    }

    /** An explicit JSON null (Grafana's base threshold step has {@code "value": null}). */
    public static JsonNode nullNode() {
        return NODES.nullNode();
    }

    static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            // 30.0 is written 30, as Grafana writes it
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? NODES.numberNode(d.longValue()) : NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Collection<?> c) {
            return arr(c);
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode node = NODES.objectNode();
            m.forEach((k, v) -> node.set(String.valueOf(k), node(v)));
            return node;
        }
        throw new IllegalArgumentException("no JSON for " + value.getClass());
    }

    /** Grafana's export layout: 2-space indent, {@code "key": value}, a final newline. */
    public static String write(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
