package io.envmon.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run --protocol json|hj212-mqtt|hj212-tcp} and {@code --hj212-tcp HOST:PORT}. */
class CommandLineHj212Test {

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int execute(String... args) {
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
        int closedPort = CliRun.closedPort();
        int code = execute("run", "--registry", "../config/taigu.yaml", "--protocol", "hj212-tcp", "--hj212-tcp",
                "127.0.0.1:" + closedPort, "--count", "1");
        assertEquals(1, code);
        assertTrue(err.toString().contains("cannot connect to the HJ 212 gateway at tcp://127.0.0.1:" + closedPort),
                err.toString());
        assertTrue(out.toString().contains("points without an mn are not simulated"), out.toString());
    }
}
