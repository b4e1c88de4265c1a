package io.envmon.ingest.config;

import io.envmon.model.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw values of the settings (file, then environment; defaults where neither gives one) and the problems
 * found so far: each section's settings class reads its values here, each parsed value checked in one way for
 * all, every problem naming its setting ({@link Setting#label()}).
 */
final class SettingValues {

    private final Map<String, String> values;
    private final List<String> problems;

    /** @param values the values given, by file key; {@code problems}: where each problem is added */
    SettingValues(Map<String, String> values, List<String> problems) {
        this.values = values;
        this.problems = problems;
    }

    String raw(Setting s) {
        return values.getOrDefault(s.key(), s.defaultValue());
    }

    /** Whether the file or the environment gives a value (not only the default). */
    boolean given(Setting s) {
        return values.containsKey(s.key());
    }

    void problem(String problem) {
        problems.add(problem);
    }

    List<String> problems() {
        return problems;
    }

    TlsChecks tls() {
        return new TlsChecks(this::raw, problems);
    }

    /** An IP address literal or a host name to listen on ({@code 0.0.0.0}: every interface). */
    String address(Setting s) {
        String value = raw(s);
        if (!ListenAddress.isValid(value)) {
            problems.add(s.label() + ": '" + value + "' is not an address to listen on (e.g. 127.0.0.1, 0.0.0.0, ::1)");
        }
        return value;
    }

    boolean bool(Setting s) {
        String value = raw(s);
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
        }
        problems.add(s.label() + ": '" + value + "' must be true or false");
        return Boolean.parseBoolean(s.defaultValue());
    }

    /**
     * A file that must exist when set. The default rules file may be absent (a jar run from elsewhere): the
     * built-in defaults, which the shipped file repeats, apply then.
     */
    Path optionalFile(Setting s) {
        String value = raw(s);
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            if (value.equals(s.defaultValue()) && !given(s)) {
                return null;
            }
            problems.add(s.label() + ": file '" + path.toAbsolutePath() + "' does not exist or is not readable");
        }
        return path;
    }

    String uri(Setting s, List<String> schemes) {
        String value = raw(s);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                problems.add(s.label() + ": '" + value + "' must be a URL like " + schemes.iterator().next()
                        + "://host:port (schemes: " + String.join(", ", schemes) + ")");
            }
        } catch (URISyntaxException | NullPointerException e) {
            problems.add(s.label() + ": '" + value + "' is not a URL");
        }
        return value;
    }

    int integer(Setting s, int min, int max) {
        String value = raw(s);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                problems.add(s.label() + ": " + n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(s.label() + ": '" + value + "' is not a whole number");
            return min;
        }
    }

    /** {@link #integer}, or {@code null} when the setting has no value. */
    Integer optionalInteger(Setting s, int min, int max) {
        return raw(s) == null ? null : integer(s, min, max);
    }

    Duration duration(Setting s, Duration min, Duration max) {
        String value = raw(s);
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(s.label() + ": '" + value + "' is not a duration (e.g. 500ms, 30s, 5m, 2h, 7d)");
            return min;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(s.label() + ": " + value + " is outside " + min + ".." + max);
        }
        return d;
    }

    <E extends Enum<E>> E enumValue(Setting s, Class<E> type) {
        String value = raw(s);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        problems.add(s.label() + ": '" + value + "' is not one of " + String.join(", ", names));
        return type.getEnumConstants()[type.getEnumConstants().length - 1];
    }
}
