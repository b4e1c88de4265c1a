package io.envmon.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int execute(String... args) {
        return cli.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, execute("--help"));
        assertTrue(out.toString().contains("registry"), out.toString());
        assertTrue(out.toString().contains("run"), out.toString());
        assertTrue(out.toString().contains("Exit codes"), out.toString());
    }

    @Test
    void runHelpExplainsEveryOption() {
        assertEquals(0, execute("run", "--help"));
        for (String option : List.of("--registry", "--mqtt-url", "--topic-root", "--interval", "--speed", "--start",
                "--duration", "--count", "--seed", "--qos", "--batch", "--client-id", "--max-inflight", "--quiet",
                "--connections", "--credentials", "--device-buffer", "--ledger")) {
            assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
        }
    }

    @Test
    void loadHelpExplainsEveryOption() {
        assertEquals(0, execute("load", "--help"));
        for (String option : List.of("--registry", "--rate", "--duration", "--count", "--connections", "--batch",
                "--interval", "--warm-up", "--until", "--ledger", "--mqtt-url", "--topic-root", "--qos", "--max-inflight", "--seed",
                "--client-id", "--quiet", "held", "Exit codes")) {
            assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
        }
    }

    @Test
    void sinkHelpExplainsEveryOption() {
        assertEquals(0, execute("sink", "--help"));
        for (String option : List.of("--mqtt-url", "--topic-root", "--qos", "--client-id", "--duration", "--idle",
                "--count-readings", "--quiet", "Exit codes")) {
            assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
        }
        assertEquals(0, execute("--help"));
        assertTrue(out.toString().contains("sink"), out.toString());
    }

    @Test
    void registryHelpAndTheHelpCommandWork() {
        assertEquals(0, execute("registry", "--help"));
        assertTrue(out.toString().contains("--seed") && out.toString().contains("--out"), out.toString());
        assertEquals(0, execute("help", "run"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "run",
            "run --registry x.yaml --duration 1m --count 3",
            "run --registry x.yaml --batch 0",
            "run --registry x.yaml --batch 1001",
            "run --registry x.yaml --speed 0",
            "run --registry x.yaml --qos 3",
            "run --registry x.yaml --interval soon",
            "run --registry x.yaml --start 2026-11-28",
            "run --registry x.yaml --topic-root env/#",
            "run --registry x.yaml --mqtt-url localhost:1883",
            "registry --seed many",
            "load --registry x.yaml --rate 100",
            "load --registry x.yaml --rate 0 --duration 1s",
            "load --registry x.yaml --rate 100 --count 0",
            "load --registry x.yaml --rate 100 --duration 1s --until 2999-01-01T00:00:00Z",
            "load --registry x.yaml --rate 100 --duration 1s --until yesterday",
            "load --registry x.yaml --rate 100 --duration 1s --topic-root env/+",
            "load --registry x.yaml --rate 100 --duration 1s --warm-up 1500ms",
            "load --registry x.yaml --rate 100 --count 100 --warm-up 2s",
            "sink --qos 3",
            "sink --idle 0s",
            "sink --idle soon",
            "sink --duration 0s",
            "sink --topic-root env/#",
            "sink --topic-root /env",
            "sink --mqtt-url localhost:1883",
            "sink --count",
            "run --registry x.yaml --connections shared --credentials pw.txt",
            "run --registry x.yaml --connections some",
            "replay --registry x.yaml --day 2026-11-20 --device-buffer 0",
            "fly"})
    void usageErrorsExitWith2(String args) {
        assertEquals(2, execute(args.isEmpty() ? new String[0] : args.split(" ")), err.toString());
        assertTrue(!err.toString().isBlank());
    }

    @Test
    void registryWritesALoadableFile(@TempDir Path dir) {
        Path file = dir.resolve("sub/taigu.yaml");
        assertEquals(0, execute("registry", "--seed", "7", "--out", file.toString()));
        Registry registry = RegistryFiles.load(file);
        assertEquals(109, registry.enterprises().size());
        assertTrue(out.toString().contains("wrote"));
    }

    @Test
    void aMissingRegistryIsARuntimeFailureWithAClearMessage(@TempDir Path dir) {
        assertEquals(1, execute("run", "--registry", dir.resolve("none.yaml").toString(), "--count", "1"));
        assertTrue(err.toString().contains("none.yaml"), err.toString());
    }

    @Test
    void anUnreachableBrokerIsARuntimeFailureOfTheSinkToo() throws IOException {
        int closedPort = CliRun.closedPort();
        assertEquals(1, execute("sink", "--mqtt-url", "tcp://127.0.0.1:" + closedPort, "--duration", "1s"));
        assertTrue(err.toString().contains("cannot connect to MQTT broker tcp://127.0.0.1:" + closedPort), err.toString());
    }

    @Test
    void anUnreachableBrokerIsARuntimeFailureWithAClearMessage() throws IOException {
        int closedPort = CliRun.closedPort();
        int code = execute("run", "--registry", "../config/taigu.yaml", "--mqtt-url", "tcp://127.0.0.1:" + closedPort,
                "--count", "1", "--quiet");
        assertEquals(1, code);
        assertTrue(err.toString().contains("cannot connect to MQTT broker tcp://127.0.0.1:" + closedPort), err.toString());
    }

    @Test
    void aSiteWithoutAPasswordStopsTheRunBeforeItConnectsAndNamesTheUser(@TempDir Path dir) throws IOException {
        Path passwords = dir.resolve("mqtt-passwords.txt");
        java.nio.file.Files.writeString(passwords, "air-TG-A01\tsecret\n");
        int code = execute("run", "--registry", "../config/taigu.yaml", "--mqtt-url", "tcp://127.0.0.1:" + CliRun.closedPort(),
                "--credentials", passwords.toString(), "--count", "1", "--quiet");
        assertEquals(1, code);
        assertTrue(err.toString().contains("has no password for MQTT user 'air-TG-A02'"), err.toString());
    }

    @Test
    void aCredentialsLineWithoutATabNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path passwords = dir.resolve("mqtt-passwords.txt");
        java.nio.file.Files.writeString(passwords, "# users\nair-TG-A01 secret\n");
        int code = execute("run", "--registry", "../config/taigu.yaml", "--credentials", passwords.toString(),
                "--count", "1", "--quiet");
        assertEquals(1, code);
        assertTrue(err.toString().contains(passwords + " line 2: expected 'user<TAB>password'"), err.toString());
    }
}
