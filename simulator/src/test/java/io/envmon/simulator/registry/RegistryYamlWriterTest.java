package io.envmon.simulator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.model.registry.WaterSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistryYamlWriterTest {

    private final RegistryYamlWriter writer = new RegistryYamlWriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TG-A01|TG-A01",
            "太谷区政府|太谷区政府",
            "88888880000001|\"88888880000001\"",
            "010000A8900016F000169DC0|\"010000A8900016F000169DC0\"",
            "yes|\"yes\"",
            "Null|\"Null\"",
            "a: b|\"a: b\"",
            "x, y|\"x, y\"",
            "say \"hi\"|\"say \\\"hi\\\"\""})
    void quotesOnlyWhatYamlWouldMisread(String value, String written) {
        assertEquals(written, RegistryYamlWriter.string(value));
    }

    @ParameterizedTest
    @CsvSource({"30, 30", "8.6, 8.6", "0.5, 0.5", "112.4793, 112.4793", "1e-4, 0.0001", "100000, 100000"})
    void writesNumbersPlainly(double value, String written) {
        assertEquals(written, RegistryYamlWriter.number(value));
    }

    @Test
    void handWrittenRegistriesWithEveryFieldRoundTrip() {
        Map<String, Limit> limits = new LinkedHashMap<>();
        limits.put("ph", Limit.range(6.5, 8.5));
        limits.put("cod", Limit.upTo(40));
        Registry registry = new Registry(
                List.of(new AirStation("S1", "yes", null, null, null, 300), new AirStation("S2", "站 2", 37.1, 112.2, "1", null)),
                List.of(new WaterSection("L1", "某湖", null, "III", "lake", null, null, "m-1", 14400)),
                List.of(new Enterprise("E9", "a, b: c", "other", null, null, List.of(
                        new Outlet("DW001", null, "wastewater", null, null, limits, 60),
                        new Outlet("DA001", "炉", "stack", 3.5, "true", Map.of("particulate", Limit.upTo(10)), null)))));
        String yaml = writer.write(registry, List.of("a header", ""), key -> key.equals("E9/DA001") ? "note" : null);
        assertTrue(yaml.startsWith("# a header\n#\n\nair:\n"), yaml);
        assertTrue(yaml.contains("limits: {cod: 40, ph: [6.5, 8.5]}"), "catalogue order: " + yaml);
        assertTrue(yaml.contains("}  # note\n"), yaml);
        Registry back = RegistryFiles.parse(yaml, "test");
        assertEquals(registry.air(), back.air());
        assertEquals(registry.water(), back.water());
        assertEquals(registry.enterprises(), back.enterprises());
    }
}
