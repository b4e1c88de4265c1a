package io.envmon.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md "Domain logic": the alerts module reads no clock, does no I/O, uses no Vert.x and keeps no static
 * mutable state. Checked on the main sources, line by line.
 */
class DomainPurityTest {

    private static final Path MAIN = Path.of("src/main/java/io/envmon/alerts");

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\.now\\("),                       // Instant.now(), LocalDate.now(), Clock reads
            Pattern.compile("System\\.(currentTimeMillis|nanoTime|getenv|getProperty)"),
            Pattern.compile("Clock\\.system"),
            Pattern.compile("import io\\.vertx"),
            // java.nio.charset is text encoding (alert IDs hash UTF-8 bytes), not I/O
            Pattern.compile("import java\\.(io|net)\\.|import java\\.nio\\.(?!charset\\.)"),
            Pattern.compile("import org\\.slf4j"),
            Pattern.compile("new Random\\(|Math\\.random"));

    /** A static field that is not final (methods, nested types and imports excluded). */
    private static final Pattern STATIC_MUTABLE =
            Pattern.compile("^\\s*(public |protected |private )?static (?!final)(?!class|enum|interface|record|sealed)"
                    + "[\\w<>\\[\\], ?]+\\s+\\w+\\s*(=|;)");

    @Test
    void pureDomainCode() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 20, "found the sources: " + sources.size());
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.trim().startsWith("*") || line.trim().startsWith("//")) {
                    continue;
                }
                for (Pattern p : FORBIDDEN) {
                    if (p.matcher(line).find()) {
                        violations.add(source.getFileName() + ":" + (i + 1) + " " + line.trim());
                    }
                }
                if (STATIC_MUTABLE.matcher(line).find()) {
                    violations.add(source.getFileName() + ":" + (i + 1) + " static mutable: " + line.trim());
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
