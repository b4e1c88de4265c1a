package io.envmon.simulator.cli;

import picocli.CommandLine.Option;

/** {@code --[no-]analyser-cycles}, shared by {@code run} and {@code replay}. */
public final class AnalyserCycleOption {

    @Option(names = "--analyser-cycles", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Send the wet-chemistry parameters (water: CODMn, COD, NH3-N, TP, TN every 4 h; wastewater: "
                    + "COD, NH3-N, TP, TN every 2 h; or the registry's analyserCycleSeconds) once per analyser cycle, "
                    + "as real monitors do (default). --no-analyser-cycles sends every parameter in every reading.")
    private boolean analyserCycles = true;

    boolean enabled() {
        return analyserCycles;
    }
}
