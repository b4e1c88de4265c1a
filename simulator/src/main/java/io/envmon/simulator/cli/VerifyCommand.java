package io.envmon.simulator.cli;

import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.verify.HttpInfluxQuery;
import io.envmon.simulator.verify.InfluxQuery;
import io.envmon.simulator.verify.LedgerVerifier;
import io.envmon.simulator.verify.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code verify}: compares a ledger with what InfluxDB holds. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
                "Compares a ledger written by 'run --ledger', 'replay --ledger' or 'load --ledger' with InfluxDB and prints: readings "
                        + "sent, expected to be stored, stored (points per series in the ledger's time range), "
                        + "missing and extra; rejections by reason found in the run's wall-clock window (the "
                        + "'rejected' measurement, and the dead letters the run saw on {root}/deadletter) against "
                        + "the expected ones; expected alerts found in 'alert' (same kind, site, rule, at least the "
                        + "severity)."},
        footer = {"", "Example:",
                "  verify --ledger /tmp/day.json --influx-url http://127.0.0.1:8086 --db env --wait 60s",
                "", "Exit codes: 0 nothing missing and every expectation met, 3 something missing or an expectation "
                        + "not met, 1 the ledger or InfluxDB could not be read, 2 usage error."})
public final class VerifyCommand implements Callable<Integer> {

    public static final int MISMATCH = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--ledger", required = true, paramLabel = "FILE", description = "The ledger JSON to check.")
    private Path ledger;

    @Option(names = "--influx-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8086",
            description = "InfluxDB base URL (default: ${DEFAULT-VALUE}).")
    private String influxUrl;

    @Option(names = "--db", paramLabel = "NAME", defaultValue = "env",
            description = "Database (v1) or bucket mapped to a database (v2) (default: ${DEFAULT-VALUE}).")
    private String db;

    @Option(names = "--influx-api", paramLabel = "v1|v2", defaultValue = "v1",
            description = "v1: /query with optional --influx-username/--influx-password; v2: the 1.x-compatible "
                    + "/query with --influx-token (default: ${DEFAULT-VALUE}).")
    private String api;

    @Option(names = "--influx-token", paramLabel = "TOKEN", description = "API token (v2).")
    private String token;

    @Option(names = "--influx-username", paramLabel = "USER", description = "User (v1).")
    private String username;

    @Option(names = "--influx-password", paramLabel = "PASSWORD", description = "Password (v1).")
    private String password;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Query again every 2 s until the report is OK or this much time has passed (the service "
                    + "may still be storing the run's last messages) (default: ${DEFAULT-VALUE}).")
    private Duration wait;

    @Option(names = "--mqtt-url", paramLabel = "URL", hidden = true,
            description = "Reserved for reading the dead-letter topic; not used yet.")
    private String mqttUrl;

    @Override
    public Integer call() {
        if (!api.equals("v1") && !api.equals("v2")) {
            throw new ParameterException(spec.commandLine(), "--influx-api must be v1 or v2");
        }
        Ledger l;
        try {
            l = Ledger.read(ledger);
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot read ledger " + ledger + ": " + e.getMessage());
            return 1;
        }
        InfluxQuery query = new HttpInfluxQuery(influxUrl, db, api.equals("v2") ? token : null,
                api.equals("v1") ? username : null, password);
        try {
            VerifyReport report = verify(l, query, wait);
            spec.commandLine().getOut().print(header(l) + report.format());
            spec.commandLine().getOut().flush();
            return report.ok() ? 0 : MISMATCH;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Verifies, retrying every 2 s while not OK and {@code wait} has not passed. */
    public static VerifyReport verify(Ledger l, InfluxQuery query, Duration wait) throws IOException {
        Instant deadline = Instant.now().plus(wait);
        LedgerVerifier verifier = new LedgerVerifier(query);
        while (true) {
            VerifyReport report;
            try {
                report = verifier.verify(l);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (report.ok() || Instant.now().plusSeconds(2).isAfter(deadline)) {
                return report;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report;
            }
        }
    }

    static String header(Ledger l) {
        return String.format(Locale.ROOT, "ledger: %s of %s .. %s (scenarios: %s), %d messages (%d injected)%n",
                l.command(), l.simulatedFrom(), l.simulatedTo(), l.scenarios().isEmpty() ? "none" : String.join(", ", l.scenarios()),
                l.totals().messages(), l.totals().injected());
    }
}
