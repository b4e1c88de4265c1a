package io.envmon.simulator.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envmon.alerts.config.IntegrityConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.model.SiteKind;
import io.envmon.simulator.scenario.ScenarioFiles;
import io.envmon.simulator.scenario.ScenarioSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The false positives of the integrity rules: a whole month of {@code normal-day} (November 2026, every enterprise
 * outlet of the district, minute data as {@code replay} sends it) through the alert engine with the shipped rules.
 * Nothing in it is falsified, so every integrity alert is a false positive; the figure is printed and must be 0.
 * An IT by its length (about a quarter of an hour on two shared cores: the value models and the engine), though it
 * needs no server. docs/alerts.md#integrity-rules, "measured false positives". Too long for every run of the suite:
 * it runs with {@code -Denvmon.month=true} (docs/testing.md).
 */
@EnabledIfSystemProperty(named = "envmon.month", matches = "true",
        disabledReason = "a month through the engine takes about 15 min; run with -Denvmon.month=true")
class NormalMonthIntegrityIT {

    static final Instant FROM = Instant.parse("2026-10-31T16:00:00Z");
    static final Instant TO = Instant.parse("2026-11-30T16:00:00Z");

    @Test
    void aMonthOfNormalDataRaisesNoIntegrityAlert() throws Exception {
        ScenarioSet normal = ScenarioFiles.load(EngineReplay.CONFIG.resolve("scenarios"), List.of("normal-day"));
        EngineReplay.Result result = EngineReplay.run(IntegrityScenarioTest.REGISTRY, normal, FROM, TO,
                p -> p.kind() == SiteKind.ENTERPRISE, 1);
        List<AlertEvent> raised = result.of(e -> IntegrityConfig.ruleIds().contains(e.rule())
                && e.state() != AlertState.RESOLVED);
        Map<String, Long> byRule = new TreeMap<>(raised.stream()
                .collect(Collectors.groupingBy(AlertEvent::rule, Collectors.counting())));
        long outletHours = Duration.between(FROM, TO).toHours() * IntegrityScenarioTest.REGISTRY.points().stream()
                .filter(p -> p.kind() == SiteKind.ENTERPRISE).count();
        System.out.printf("normal month %s .. %s: %d readings, %d outlet-hours, integrity alerts raised %d %s, "
                        + "faults %d, reloads %d; other rules' events %d%n", FROM, TO, result.readings(), outletHours,
                raised.size(), byRule, result.faults(), result.reloads(),
                result.events().size() - result.of(e -> IntegrityConfig.ruleIds().contains(e.rule())).size());
        raised.forEach(e -> System.out.println("  " + e.site() + "/" + e.point() + " " + e.rule() + " "
                + e.severity().wire() + " " + e.startedAt() + "\n    " + e.message()));
        assertEquals(0, result.faults());
        assertEquals(List.of(), raised.stream().map(e -> e.site() + "/" + e.point() + " " + e.rule()).toList());
    }
}
