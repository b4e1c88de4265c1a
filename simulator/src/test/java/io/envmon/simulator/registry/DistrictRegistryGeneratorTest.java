package io.envmon.simulator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.SiteIds;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.model.registry.WaterSection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistrictRegistryGeneratorTest {

    private final DistrictRegistryGenerator generator = new DistrictRegistryGenerator();

    @Test
    void theSameSeedGivesTheSameRegistryAndTheSameFile() {
        Registry a = generator.generate(2026).registry();
        Registry b = generator.generate(2026).registry();
        assertEquals(a.air(), b.air());
        assertEquals(a.water(), b.water());
        assertEquals(a.enterprises(), b.enterprises());
        DistrictRegistryFile file = new DistrictRegistryFile();
        assertEquals(file.render(2026, "config/taigu.yaml"), file.render(2026, "config/taigu.yaml"));
    }

    @Test
    void anotherSeedGivesAnotherRegistry() {
        assertNotEquals(generator.generate(2026).registry().enterprises(), generator.generate(2027).registry().enterprises());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026, -5})
    void everySeedGivesTheDistrictsShape(long seed) {
        Registry registry = generator.generate(seed).registry();

        assertEquals(10, registry.air().size());
        assertEquals(List.of("TG-A01", "TG-A02", "TG-A03", "TG-A04", "TG-A05", "TG-A06", "TG-A07", "TG-A08", "TG-A09", "TG-A10"),
                registry.air().stream().map(AirStation::id).toList());
        assertEquals(List.of("XYH-01", "XYH-02", "XYH-03", "XYH-04", "WMH-01", "WMH-02", "WMH-03", "WMH-04"),
                registry.water().stream().map(WaterSection::id).toList());
        assertEquals(109, registry.enterprises().size());
        for (int i = 0; i < 109; i++) {
            assertEquals(String.format("E%03d", i + 1), registry.enterprises().get(i).id());
        }
        Map<String, Long> industries = registry.enterprises().stream()
                .collect(Collectors.groupingBy(Enterprise::industry, Collectors.counting()));
        assertEquals(Map.of("foundry", 45L, "carbon", 15L, "brick_kiln", 20L, "boiler", 20L, "sewage_plant", 9L), industries);
        assertEquals(109, registry.enterprises().stream().map(Enterprise::name).distinct().count(), "names are unique");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2026})
    void idsCoordinatesAndDeviceIdsAreValid(long seed) {
        Registry registry = generator.generate(seed).registry();
        Set<String> mns = new HashSet<>();
        for (AirStation s : registry.air()) {
            assertTrue(SiteIds.isValid(s.id()));
            assertInDistrict(s.lat(), s.lon());
            assertTrue(s.mn().matches("\\d{14}"), s.mn());
            assertTrue(mns.add(s.mn()));
        }
        for (WaterSection s : registry.water()) {
            assertInDistrict(s.lat(), s.lon());
            assertEquals("river", s.waterBody());
            assertTrue(Set.of("II", "III", "IV").contains(s.targetClass()));
            assertTrue(s.mn().matches("\\d{14}"), s.mn());
            assertTrue(mns.add(s.mn()));
        }
        int withMn = 0;
        int outlets = 0;
        for (Enterprise e : registry.enterprises()) {
            assertInDistrict(e.lat(), e.lon());
            assertFalse(e.outlets().isEmpty());
            for (Outlet o : e.outlets()) {
                outlets++;
                PointType type = o.pointType();
                assertTrue(o.id().matches(type == PointType.STACK ? "DA\\d{3}" : "DW\\d{3}"), o.id());
                assertNotNull(o.name());
                assertFalse(o.limits().isEmpty());
                o.limits().keySet().forEach(p -> assertTrue(ParameterCatalog.find(type, p).isPresent(), p));
                if (o.mn() != null) {
                    withMn++;
                    assertEquals(24, o.mn().length());
                    assertTrue(mns.add(o.mn()), "duplicate mn " + o.mn());
                }
            }
        }
        assertTrue(withMn > outlets * 0.75, "most outlets have an MN: " + withMn + "/" + outlets);
    }

    @Test
    void limitsFollowTheStandardsOfEachIndustry() {
        for (Enterprise e : generator.generate(2026).registry().enterprises()) {
            Map<String, Outlet> byId = e.outlets().stream().collect(Collectors.toMap(Outlet::id, Function.identity()));
            Outlet first = e.outlets().get(0);
            switch (e.industry()) {
                case "foundry" -> {
                    assertTrue(e.outlets().stream().filter(o -> o.type().equals("stack")).count() <= 3);
                    if (first.referenceO2() != null) {
                        assertLimits(first, Map.of("particulate", 40.0, "so2", 200.0, "nox", 300.0));
                        assertTrue(first.referenceO2() == 15.0 || first.referenceO2() == 12.0);
                    } else {
                        assertLimits(first, Map.of("particulate", 30.0));
                    }
                }
                case "carbon" -> {
                    assertNull(first.referenceO2());
                    if (first.limits().get("particulate").max() == 200) {
                        assertLimits(first, Map.of("particulate", 200.0, "so2", 850.0));
                        assertEquals(1.7, first.alphaRef(), "GB 9078-1996 §5.2: other industrial kilns at α 1.7");
                    } else {
                        assertNull(first.alphaRef());
                        assertLimits(first, Map.of("particulate", 30.0, "so2", 200.0, "nox", 300.0));
                    }
                }
                case "brick_kiln" -> {
                    assertNull(first.referenceO2());
                    assertEquals(1.7, first.alphaRef(), "GB 29620-2013: α 1.7, not 8.6 % O2");
                    assertLimits(first, Map.of("particulate", 30.0, "so2", 300.0, "nox", 200.0));
                }
                case "boiler" -> {
                    assertEquals(1, e.outlets().stream().filter(o -> o.type().equals("stack")).count());
                    assertTrue(Set.of(9.0, 3.5).contains(first.referenceO2()));
                }
                case "sewage_plant" -> {
                    assertEquals(1, e.outlets().size());
                    assertEquals(Map.of("cod", Limit.upTo(50), "nh3n", Limit.upTo(5), "tp", Limit.upTo(0.5),
                            "tn", Limit.upTo(15), "ph", Limit.range(6, 9)), byId.get("DW001").limits());
                }
                default -> throw new AssertionError("unexpected industry " + e.industry());
            }
            if (!e.industry().equals("sewage_plant") && byId.containsKey("DW001")) {
                assertEquals(Map.of("cod", Limit.upTo(100), "nh3n", Limit.upTo(15), "ph", Limit.range(6, 9)),
                        byId.get("DW001").limits());
            }
        }
    }

    @Test
    void everyOutletNamesTheSourceOfItsLimits() {
        GeneratedRegistry generated = generator.generate(2026);
        generated.registry().enterprises().forEach(e -> e.outlets().forEach(o ->
                assertNotNull(generated.limitSources().get(e.id() + "/" + o.id()), e.id() + "/" + o.id())));
    }

    private static void assertLimits(Outlet outlet, Map<String, Double> expected) {
        assertEquals(expected, outlet.limits().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, l -> l.getValue().max())), outlet.id());
    }

    private static void assertInDistrict(Double lat, Double lon) {
        assertTrue(lat >= 37.35 && lat <= 37.50, "lat " + lat);
        assertTrue(lon >= 112.45 && lon <= 112.75, "lon " + lon);
    }

    @Test
    void theGeneratedFileReadsBackAsTheSameRegistry() {
        for (long seed : new long[] {1, 2026}) {
            GeneratedRegistry generated = generator.generate(seed);
            String yaml = new DistrictRegistryFile().render(seed, "x.yaml");
            Registry back = RegistryFiles.parse(yaml, "generated");
            assertEquals(generated.registry().air(), back.air());
            assertEquals(generated.registry().water(), back.water());
            assertEquals(generated.registry().enterprises(), back.enterprises());
        }
    }
}
