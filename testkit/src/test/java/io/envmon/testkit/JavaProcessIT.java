package io.envmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JavaProcess} against a tiny jar compiled here: prints a greeting, says "bye" on SIGTERM. */
class JavaProcessIT {

    private static final String SOURCE = """
            public class Greeter {
                public static void main(String[] args) throws Exception {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("bye")));
                    System.out.println("hello " + System.getenv("GREETING") + " " + String.join(",", args));
                    if (args.length > 0 && args[0].equals("exit")) {
                        System.exit(3);
                    }
                    Thread.sleep(60_000);
                }
            }
            """;

    @TempDir
    static Path work;
    private static Path jar;

    @BeforeAll
    static void buildJar() throws Exception {
        Path src = Files.writeString(work.resolve("Greeter.java"), SOURCE);
        Path classes = Files.createDirectories(work.resolve("classes"));
        int javac = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, javac);
        jar = work.resolve("greeter.jar");
        int jarTool = ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err,
                "--create", "--file", jar.toString(), "--main-class", "Greeter", "-C", classes.toString(), ".");
        assertEquals(0, jarTool);
    }

    @Test
    void sigtermLetsTheProgramShutDownGracefully() {
        try (JavaProcess process = JavaProcess.start(jar, Map.of("GREETING", "world"), "a", "b")) {
            process.waitForOutput("hello world a,b", Duration.ofSeconds(60));
            assertTrue(process.isAlive());
            assertTrue(process.pid() > 0);
            process.sigterm();
            assertEquals(143, process.waitFor(Duration.ofSeconds(60)));
            assertTrue(process.output().contains("bye"), process.output());
            assertTrue(Files.isRegularFile(process.logFile()));
        }
    }

    @Test
    void sigkillGivesNoChanceToShutDown() {
        try (JavaProcess process = JavaProcess.start(jar, Map.of(), List.of("-Xmx32m"), List.of())) {
            process.waitForOutput("hello null", Duration.ofSeconds(60));
            process.sigkill();
            assertEquals(137, process.waitFor(Duration.ofSeconds(60)));
            assertFalse(process.output().contains("bye"), process.output());
        }
    }

    @Test
    void waitingForOutputFailsFastWhenTheProcessExits() {
        try (JavaProcess process = JavaProcess.start(jar, Map.of(), "exit")) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> process.waitForOutput("never printed", Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
            assertTrue(e.getMessage().contains("hello null exit"), e.getMessage());
            assertEquals(3, process.waitFor(Duration.ofSeconds(60)));
        }
    }

    @Test
    void aMissingJarIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JavaProcess.start(work.resolve("missing.jar"), Map.of()));
        assertTrue(e.getMessage().contains("missing.jar"), e.getMessage());
    }
}
