package io.envmon.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.simulator.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code run --protocol json|hj212-mqtt|hj212-tcp} and {@code --hj212-tcp HOST:PORT}. */
class CommandLineHj212Test {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpExplainsTheProtocolOptions() {
        assertEquals(0, execute("run", "--help"));
        assertTrue(out.toString().contains("--protocol") && out.toString().contains("--hj212-tcp"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "run --registry x.yaml --protocol hj212",
            "run --registry x.yaml --protocol hj212-tcp",
            "run --registry x.yaml --hj212-tcp 127.0.0.1:9212",
            "run --registry x.yaml --protocol hj212-mqtt --hj212-tcp 127.0.0.1:9212",
            "run --registry x.yaml --protocol hj212-tcp --hj212-tcp localhost"})
    void protocolMistakesAreUsageErrors(String args) {
        assertEquals(2, execute(args.split(" ")), err.toString());
        assertTrue(err.toString().contains("--protocol") || err.toString().contains("--hj212-tcp"), err.toString());
    }

    @Test
    void anUnreachableGatewayIsARuntimeFailureWithAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int code = execute("run", "--registry", "../config/taigu.yaml", "--protocol", "hj212-tcp", "--hj212-tcp",
                "127.0.0.1:" + closedPort, "--count", "1");
        assertEquals(1, code);
        assertTrue(err.toString().contains("cannot connect to the HJ 212 gateway at tcp://127.0.0.1:" + closedPort),
                err.toString());
        assertTrue(out.toString().contains("points without an mn are not simulated"), out.toString());
    }
}
