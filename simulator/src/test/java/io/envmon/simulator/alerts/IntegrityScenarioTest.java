package io.envmon.simulator.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.IntegrityConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.Severity;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.simulator.scenario.Scenario.ExpectedAlert;
import io.envmon.simulator.scenario.ScenarioFiles;
import io.envmon.simulator.scenario.ScenarioSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The {@code integrity} scenario through the alert engine (no broker, no database): every expectation of its
 * {@code expect:} block is raised, and no other integrity alert. The same replay through the service is
 * {@code ReplayVerifyIT}.
 */
class IntegrityScenarioTest {

    static final Registry REGISTRY = RegistryFiles.load(EngineReplay.CONFIG.resolve("taigu.yaml"));
    /** The period ReplayVerifyIT replays: two days of November 2026. */
    static final Instant FROM = Instant.parse("2026-11-09T16:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofHours(40));

    @Test
    void everyExpectedIntegrityAlertIsRaisedAndNoOther() throws Exception {
        ScenarioSet scenarios = ScenarioFiles.load(EngineReplay.CONFIG.resolve("scenarios"), List.of("integrity"));
        EngineReplay.Result result = EngineReplay.run(REGISTRY, scenarios, FROM, TO,
                p -> p.kind() == SiteKind.ENTERPRISE, 1);
        List<AlertEvent> integrity = result.of(e -> IntegrityConfig.ruleIds().contains(e.rule()));
        String seen = integrity.stream().map(e -> e.site() + "/" + e.point() + " " + e.rule() + " " + e.state().wire()
                + " " + e.severity().wire() + " " + e.startedAt() + " " + e.ts() + "\n  " + e.message())
                .collect(Collectors.joining("\n"));
        System.out.println(seen);
        assertEquals(0, result.faults(), seen);
        List<ExpectedAlert> expected = scenarios.expectedAlerts(Duration.between(FROM, TO), false);
        assertEquals(6, expected.size());
        for (ExpectedAlert a : expected) {
            Severity least = Severity.fromWire(a.minSeverity());
            assertTrue(integrity.stream().anyMatch(e -> e.site().equals(a.site()) && e.rule().equals(a.rule())
                    && e.severity().compareTo(least) >= 0), a + "\n" + seen);
        }
        Set<String> expectedSites = expected.stream().map(a -> a.site() + " " + a.rule())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> raised = integrity.stream().map(e -> e.site() + " " + e.rule())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedSites, raised, "no integrity alert beyond the scenario's");
    }
}
