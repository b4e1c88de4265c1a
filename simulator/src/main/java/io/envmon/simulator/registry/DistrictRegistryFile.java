package io.envmon.simulator.registry;

import io.envmon.model.registry.Registry;
import java.util.List;

/** The text of a generated registry file: a header that says how to regenerate it, then the YAML. */
public final class DistrictRegistryFile {

    private final DistrictRegistryGenerator generator = new DistrictRegistryGenerator();
    private final RegistryYamlWriter writer = new RegistryYamlWriter();

    /** @param outPath where the file is written, as the user typed it; only used in the header's command line */
    public String render(long seed, String outPath) {
        GeneratedRegistry generated = generator.generate(seed);
        return writer.write(generated.registry(), header(seed, outPath, generated.registry()),
                generated.limitSources()::get);
    }

    private static List<String> header(long seed, String outPath, Registry registry) {
        String command = "java -jar simulator/target/envmon-simulator.jar registry --seed " + seed
                + (outPath == null ? " > taigu.yaml" : " --out " + outPath);
        return List.of(
                "Taigu District (太谷区, Jinzhong, Shanxi) monitoring registry for envmon (CONTRACT §6):",
                registry.summary() + ".",
                "",
                "GENERATED FILE: do not edit by hand; change the generator (simulator module) and regenerate:",
                "  mvn -B -q -pl simulator -am package",
                "  " + command,
                "",
                "Fields: docs/registry.md. Outlet limits are permit limits on hourly means (stacks: mg/m³, converted",
                "to referenceO2 where it is set; wastewater: mg/L; ph: [min, max]). The comment after each outlet",
                "names the standard its limits come from (standards.md §6).",
                "Names, coordinates and device IDs (mn) are invented for simulation; no real company or site is meant.");
    }
}
