package io.envmon.hj212;

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
 * Issue 6 item 1 "pure code, no I/O" and STYLE.md "Domain logic": the codec reads no clock, does no I/O, uses no
 * Vert.x or logging and keeps no static mutable state. Checked on the main sources, line by line.
 */
class DomainPurityTest {

    private static final Path MAIN = Path.of("src/main/java/io/envmon/hj212");

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\.now\\("),
            Pattern.compile("System\\.(currentTimeMillis|nanoTime|getenv|getProperty|out|err)"),
            Pattern.compile("Clock\\.system"),
            Pattern.compile("import io\\.vertx"),
            Pattern.compile("import java\\.(io|net)\\."),
            Pattern.compile("import java\\.nio\\.(file|channels)"),
            Pattern.compile("import org\\.slf4j"),
            Pattern.compile("new Random\\(|Math\\.random"),
            Pattern.compile("\\bThread\\b|synchronized"));

    private static final Pattern STATIC_MUTABLE =
            Pattern.compile("^\\s*(public |protected |private )?static (?!final)(?!class|enum|interface|record|sealed)"
                    + "[\\w<>\\[\\], ?]+\\s+\\w+\\s*(=|;)");

    @Test
    void pureCode() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 20, "found the sources: " + sources.size());
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            assertTrue(lines.size() < 300, source + " has " + lines.size() + " lines (STYLE.md: about 300)");
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
