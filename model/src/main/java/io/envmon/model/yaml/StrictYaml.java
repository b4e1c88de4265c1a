package io.envmon.model.yaml;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.envmon.model.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one reader of envmon's YAML files: the registry, the alert rules, the webhooks, the API tokens, the
 * simulator's scenarios and the service's {@code --config} file (docs/configuration.md, "Configuration files").
 * Every file is read strictly: a repeated key is an error, as is (when a file is bound to records) an unknown key,
 * a null for a number or a flag, and a value of the wrong kind (a mapping for a number, a word for a whole
 * number...). Messages name the key by its path in the file ({@code rules.permit.earlyWarningShare},
 * {@code webhooks[2].url}); each file's parser puts the file in front. Durations follow {@link Durations}.
 */
public final class StrictYaml {

    private StrictYaml() {
    }

    /** A strict mapper for reading and binding configuration files; durations read and written as {@link Durations}. */
    public static ObjectMapper mapper() {
        return mapper(new YAMLFactory());
    }

    /** {@link #mapper()} on a factory of the caller's (e.g. with the features it writes YAML with). */
    public static ObjectMapper mapper(YAMLFactory factory) {
        return new ObjectMapper(factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
                .registerModule(new SimpleModule("envmon-durations")
                        .addSerializer(Duration.class, new DurationSerializer())
                        .addDeserializer(Duration.class, new DurationDeserializer()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }

    /**
     * The document as a tree.
     *
     * @return the root node; {@code null} when the document is empty (blank, or only comments)
     * @throws InvalidYamlException "not valid YAML: ..." with the line and column, also for a repeated key
     */
    public static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = Holder.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidYamlException(e);
        }
        return root == null || root.isNull() || root.isMissingNode() ? null : root;
    }

    /** The keys of a mapping that are not among {@code known}, in the file's order. */
    public static List<String> unknownKeys(JsonNode mapping, Collection<String> known) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : mapping.properties()) {
            if (!known.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        return unknown;
    }

    /** The message for an unknown key: {@code unknown key (expected one of a, b, c)}, the known ones sorted. */
    public static String unknownKey(Collection<String> known) {
        return "unknown key (expected one of " + String.join(", ", new TreeSet<>(known)) + ")";
    }

    /** {@code base.key} ({@code key} alone when {@code base} is empty). */
    public static String child(String base, String key) {
        return base.isEmpty() ? key : base + "." + key;
    }

    /** {@code base[index]}. */
    public static String item(String base, int index) {
        return base + "[" + index + "]";
    }

    /** The path of the key a binding error is about: {@code base} followed by the error's path. */
    public static String path(String base, JsonMappingException e) {
        String at = base;
        for (JsonMappingException.Reference r : e.getPath()) {
            at = r.getFieldName() != null ? child(at, r.getFieldName()) : item(at, r.getIndex());
        }
        return at;
    }

    /**
     * What a binding error means, as {@code path: problem}: an unknown key with the known ones, a value that is not
     * of the expected kind, a missing value, or the check of a record that refused the value.
     *
     * @param base the path of the node that was bound ({@code ""} for the document)
     */
    public static String describe(String base, JsonMappingException e) {
        String location = path(base, e);
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return location + ": unknown key (known: " + known + ")";
        }
        IllegalArgumentException invalid = findInvalid(e);
        if (invalid != null) {
            String msg = invalid.getMessage();
            // a record's check names the key it rejects ("clearAfterHours: must be ≥ 1, not 0"); the path then
            // points at the record, so the key is appended to it
            boolean keyed = e instanceof ValueInstantiationException && msg.matches("^[A-Za-z0-9_.]+: .*");
            return location + (keyed ? (location.isEmpty() ? "" : ".") : ": ") + msg;
        }
        if (e instanceof InvalidNullException) {
            return location + ": is missing or empty";
        }
        if (e instanceof InvalidFormatException f) {
            return location + ": '" + f.getValue() + "' is not a valid " + typeName(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return location + ": expected " + typeName(m.getTargetType());
        }
        return location + ": " + e.getOriginalMessage();
    }

    static String syntaxProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? String.valueOf(e.getMessage()) : e.getOriginalMessage();
        message = message.split("\n")[0];
        if (message.startsWith("Duplicate field ")) {
            message = "duplicate key " + message.substring("Duplicate field ".length());
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? message
                : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static IllegalArgumentException findInvalid(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException iae) {
                return iae;
            }
        }
        return null;
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "duration such as 30s, 10m, 2h";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return type.getSimpleName();
    }

    /** One strict mapper for reading trees (thread-safe once configured). */
    private static final class Holder {
        static final ObjectMapper MAPPER = mapper();
    }

    private static final class DurationSerializer extends StdSerializer<Duration> {
        DurationSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Durations.format(value));
        }
    }

    private static final class DurationDeserializer extends StdDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
    }
}
