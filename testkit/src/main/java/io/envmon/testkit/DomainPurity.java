package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks, line by line, that a module's main sources are pure domain code (STYLE.md "Domain logic"): no clock
 * reads, no I/O, no Vert.x, no logging, no threads or locks, no randomness, no static mutable state. Used by the
 * pure modules' tests (alerts, hj212).
 */
public final class DomainPurity {

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\.now\\("),                       // Instant.now(), LocalDate.now(), Clock reads
            Pattern.compile("System\\.(currentTimeMillis|nanoTime|getenv|getProperty|out|err)"),
            Pattern.compile("Clock\\.system"),
            Pattern.compile("import io\\.vertx"),
            // java.nio's buffers and charsets are not I/O; its files and channels are
            Pattern.compile("import java\\.(io|net)\\.|import java\\.nio\\.(file|channels)"),
            Pattern.compile("import org\\.slf4j"),
            Pattern.compile("new Random\\(|Math\\.random"),
            Pattern.compile("\\bThread\\b|synchronized"));

    /** A static field that is not final (methods, nested types and imports excluded). */
    private static final Pattern STATIC_MUTABLE =
            Pattern.compile("^\\s*(public |protected |private )?static (?!final)(?!class|enum|interface|record|sealed)"
                    + "[\\w<>\\[\\], ?]+\\s+\\w+\\s*(=|;)");

    private DomainPurity() {
    }

    /**
     * @param sources  the folder of main sources
     * @param maxLines files at or over this many lines are reported too
     * @return one line per violation ({@code File.java:12 the line}); empty when pure
     */
    public static List<String> violations(Path sources, int maxLines) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Java sources under " + sources.toAbsolutePath());
        }
        List<String> violations = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (lines.size() >= maxLines) {
                violations.add(file.getFileName() + " has " + lines.size() + " lines (STYLE.md: about 300)");
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.trim().startsWith("*") || line.trim().startsWith("//")) {
                    continue;
                }
                for (Pattern p : FORBIDDEN) {
                    if (p.matcher(line).find()) {
                        violations.add(file.getFileName() + ":" + (i + 1) + " " + line.trim());
                    }
                }
                if (STATIC_MUTABLE.matcher(line).find()) {
                    violations.add(file.getFileName() + ":" + (i + 1) + " static mutable: " + line.trim());
                }
            }
        }
        return violations;
    }
}
