package io.envmon.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioFilesTest {

    static final Path DIR = Path.of("../config/scenarios");

    @Test
    void everyShippedScenarioParsesIsNamedLikeItsFileAndFitsTheDefaultRegistry() throws Exception {
        Registry registry = RegistryFiles.load(Path.of("../config/taigu.yaml"));
        List<String> names;
        try (Stream<Path> files = Files.list(DIR)) {
            names = files.map(p -> p.getFileName().toString().replace(".yaml", "")).sorted().toList();
        }
        assertTrue(names.containsAll(List.of("normal-day", "enterprise-exceedance", "device-faults", "bad-input",
                "winter-episode", "section-off-target", "integrity")), names.toString());
        ScenarioSet all = ScenarioFiles.load(DIR, names);
        assertEquals(names, all.names());
        all.check(registry);
    }

    @Test
    void combinedScenariosAddUpTheirStatedRejectionsAndAlerts() throws Exception {
        ScenarioSet set = ScenarioFiles.load(DIR, List.of("bad-input", "device-faults", "enterprise-exceedance"));
        assertEquals(Map.of("malformed", 2L, "unknown_site", 2L, "unknown_parameter", 1L, "too_large", 1L,
                "bad_topic", 2L, "bad_timestamp", 2L, "out_of_range", 3L), set.statedRejections());
        // a 3-hour replay: the permit alert (needs 2h10m) yes, offline (live only) no, flatline (3h30m) no
        assertEquals(List.of("permit_limit"),
                set.expectedAlerts(Duration.ofHours(3), false).stream().map(Scenario.ExpectedAlert::rule).toList());
        assertEquals(List.of("offline", "flatline", "flag_maintenance", "permit_limit"),
                set.expectedAlerts(Duration.ofHours(4), true).stream().map(Scenario.ExpectedAlert::rule).toList());
        assertEquals(10, set.injections(java.time.Instant.EPOCH).size());
    }

    @Test
    void errorsNameTheFileAndTheKey() {
        assertEquals("x.yaml: effects[0].type: 'explode' is not one of scale, limit-ratio, set, flatline, flag, silence, "
                + "clock-skew, dilute, copy", message("name: x\neffects:\n  - {type: explode, site: A}\n"));
        assertEquals("x.yaml: effects[0].source: required", message("name: x\neffects:\n  - {type: copy, site: A}\n"));
        assertEquals("x.yaml: effects[0].value: the O2 % the air brings the stack to, between 0 and 21, required for "
                + "type dilute", message("name: x\neffects:\n  - {type: dilute, site: A, value: 25}\n"));
        assertEquals("x.yaml: effects[0]: give either site or kind (air, water, enterprise)",
                message("name: x\neffects:\n  - {type: silence}\n"));
        assertEquals("x.yaml: inject[0].reason: 'oops' is not one of " + ScenarioFiles.REASONS,
                message("name: x\ninject:\n  - {topic: a, payload: b, reason: oops}\n"));
        assertEquals("x.yaml: expect.rejections.lost: not a rejection reason",
                message("name: x\nexpect: {rejections: {lost: 1}}\n"));
        assertEquals("x.yaml: effects[0].from: 'soon' is not a duration like 90s, 30m, 2h, 1d or PT2H",
                message("name: x\neffects:\n  - {type: silence, site: A, from: soon}\n"));
        assertEquals("x.yaml.name: required", message("effects: []\n"));
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> ScenarioFiles.load(DIR, List.of("no-such-scenario")));
        assertTrue(missing.getMessage().startsWith("scenario 'no-such-scenario': no file"), missing.getMessage());
    }

    @Test
    void unknownKeysRepeatedKeysAndWrongKindsAreErrors() {
        assertEquals("x.yaml: effects[0].factr: unknown key (expected one of factor, flag, from, kind, offset, outlet, "
                        + "parameter, ramp, site, source, times, to, type, value)",
                message("name: x\neffects:\n  - {type: scale, site: A, parameter: pm25, factr: 2}\n"));
        assertEquals("x.yaml: expects: unknown key (expected one of description, effects, expect, inject, name)",
                message("name: x\nexpects: {}\n"));
        assertEquals("x.yaml: expect.alerts[0].severity: unknown key (expected one of kind, liveOnly, minSeverity, "
                        + "minSpan, rule, site)",
                message("name: x\nexpect:\n  alerts:\n    - {kind: air, site: A, rule: offline, severity: major}\n"));
        assertEquals("x.yaml: effects[0].factor: expected a number, not 'double'",
                message("name: x\neffects:\n  - {type: scale, site: A, parameter: pm25, factor: double}\n"));
        assertEquals("x.yaml: inject[0].padBytes: expected a whole number, not 'lots'",
                message("name: x\ninject:\n  - {topic: a, payload: b, reason: too_large, padBytes: lots}\n"));
        assertEquals("x.yaml: expect.alerts[0].liveOnly: expected true or false, not 'sometimes'",
                message("name: x\nexpect:\n  alerts:\n    - {kind: air, site: A, rule: offline, liveOnly: sometimes}\n"));
        assertEquals("x.yaml: inject[0].payload: expected a single value, not a mapping",
                message("name: x\ninject:\n  - {topic: a, payload: {a: 1}, reason: malformed}\n"));
        assertEquals("x.yaml: effects: expected a list", message("name: x\neffects: {type: silence}\n"));
        assertTrue(message("name: x\nname: y\n").startsWith("x.yaml: not valid YAML: duplicate key 'name'"),
                message("name: x\nname: y\n"));
    }

    @Test
    void durationsMayBeCompoundOrIso() {
        assertEquals(Duration.ofMinutes(130), ScenarioFiles.parseDuration("2h10m"));
        assertEquals(Duration.ofMinutes(90), ScenarioFiles.parseDuration("1.5h"));
        assertEquals(Duration.ofDays(1), ScenarioFiles.parseDuration("1d"));
        assertEquals(Duration.ofHours(2), ScenarioFiles.parseDuration("PT2H"));
    }

    private static String message(String yaml) {
        return assertThrows(ScenarioException.class, () -> ScenarioFiles.parse(yaml, "x.yaml")).getMessage();
    }

    static Scenario parse(String yaml) {
        try {
            return ScenarioFiles.parse(yaml, "test.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError(e);
        }
    }

    static ScenarioSet load(String... names) throws ScenarioException, IOException {
        return ScenarioFiles.load(DIR, List.of(names));
    }
}
