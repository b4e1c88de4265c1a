package io.envmon.simulator.cli;

import io.envmon.simulator.registry.DistrictRegistryFile;
import io.envmon.simulator.registry.DistrictRegistryGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code registry}: writes the generated district registry. */
@Command(name = "registry", mixinStandardHelpOptions = true, usageHelpWidth = 100, sortOptions = false,
        description = {
                "Generates the Taigu District registry from a seed: 10 ambient air stations, 8 sections on "
                        + "象峪河 and 乌马河, and 109 enterprises (foundries, carbon plants, brick kilns, boilers, "
                        + "sewage plants) with their stacks, wastewater outlets and permit limits.",
                "The same seed always gives the same file; config/taigu.yaml is seed 2026."},
        footer = {"", "Example:", "  java -jar simulator/target/envmon-simulator.jar registry --seed 2026 --out config/taigu.yaml"})
public final class RegistryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DistrictRegistryGenerator.DEFAULT_SEED,
            description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the YAML (default: standard output). Parent folders are created.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        String yaml = new DistrictRegistryFile().render(seed, out == null ? null : out.toString());
        if (out == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, yaml, StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + out + " (seed " + seed + ")");
        return 0;
    }
}
