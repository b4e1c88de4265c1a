package io.envmon.alerts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.Severity;
import io.envmon.model.Durations;
import io.envmon.model.PointType;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules file: defaults, merging, per-site overrides, and errors that name the key. */
class AlertRulesConfigParserTest {

    private final AlertRulesConfigParser parser = new AlertRulesConfigParser();

    private AlertRulesConfig parse(String yaml) {
        return parser.parse(yaml, "test.yaml");
    }

    private String error(String yaml) {
        return assertThrows(AlertRulesException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        assertEquals(AlertRulesConfig.defaults(), parse(""));
        assertEquals(AlertRulesConfig.defaults(), parse("# nothing\n"));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        AlertRulesConfig d = AlertRulesConfig.defaults();
        assertEquals(26, d.window().retainHours());
        assertEquals(Duration.ofMinutes(5), d.window().hourCloseGrace());
        assertEquals(Duration.ofSeconds(60), d.window().intervalOf(PointType.WATER_SECTION));
        assertEquals(List.of("N", "T"), d.window().validFlags(), "S (a set value) is not a measurement");
        assertEquals(Optional.of(Severity.WARNING), d.rules().pm25Hourly().severityFor(3));
        assertEquals(Optional.of(Severity.MAJOR), d.rules().pm25Hourly().severityFor(4));
        assertEquals(Optional.of(Severity.CRITICAL), d.rules().pm25Hourly().severityFor(6));
        assertEquals(Optional.empty(), d.rules().pm25Hourly().severityFor(2));
        assertEquals(90, d.rules().pm25Hourly().clearAtOrBelowIaqi());
        assertEquals("separate", d.rules().waterClass().lakeTotalNitrogen(), "the 2011 evaluation method");
        assertEquals(0.8, d.rules().permit().earlyWarningShare());
        assertEquals(19.0, d.rules().permit().o2SuppressAt());
        assertEquals(3.0, d.rules().offline().multiple());
        assertEquals(Duration.ofHours(2), d.rules().flatline().durationFor(PointType.AIR_STATION, "pm25").orElseThrow());
        assertEquals(Optional.empty(), d.rules().flatline().durationFor(PointType.AIR_STATION, "wind_dir"));
        assertEquals(List.of("D", "B"), d.rules().faultFlags().flags());
        assertEquals(Severity.INFO, d.heavyPollution().severity());
        assertEquals(36, d.heavyPollution().clearAfterHours());
    }

    /** config/alert-rules.yaml states the defaults: parsing it gives exactly {@link AlertRulesConfig#defaults()}. */
    @Test
    void theShippedRulesFileIsTheDefaults() throws IOException {
        Path file = Path.of("../config/alert-rules.yaml");
        assertTrue(Files.exists(file), file.toAbsolutePath().toString());
        assertEquals(AlertRulesConfig.defaults(), parse(Files.readString(file)));
    }

    @Test
    void aPartialFileKeepsTheOtherDefaults() {
        AlertRulesConfig c = parse("""
                rules:
                  pm25Hourly:
                    clearAfterHours: 3
                    severityByCategory: {3: none}
                  permit: {earlyWarningShare: 0.9, clearAtOrBelowShare: 0.85}
                window:
                  expectedInterval: {water: 5m}
                standards: {aqi: HJ633-2012}
                """);
        assertEquals(3, c.rules().pm25Hourly().clearAfterHours());
        assertEquals(90, c.rules().pm25Hourly().clearAtOrBelowIaqi());
        assertEquals(Optional.empty(), c.rules().pm25Hourly().severityFor(3));
        assertEquals(Optional.of(Severity.MAJOR), c.rules().pm25Hourly().severityFor(4), "mappings merge key by key");
        assertEquals(0.9, c.rules().permit().earlyWarningShare());
        assertEquals(Severity.CRITICAL, c.rules().permit().exceededSeverity());
        assertEquals(Duration.ofMinutes(5), c.window().intervalOf(PointType.WATER_SECTION));
        assertEquals(Duration.ofSeconds(60), c.window().intervalOf(PointType.AIR_STATION));
        assertEquals(io.envmon.alerts.aqi.AqiStandard.HJ633_2012,
                c.standards().aqiAt(java.time.Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void overridesMergeOverTheFilesRulesPerSiteAndOutlet() {
        AlertRulesConfig c = parse("""
                rules:
                  offline: {multiple: 5}
                alertOverrides:
                  air:
                    TG-A04: {pm25Hourly: {enabled: false}}
                  enterprise:
                    E001: {permit: {earlyWarningShare: 0.9, clearAtOrBelowShare: 0.8}}
                    E001/DW001: {offline: {multiple: 10}}
                """);
        MonitoredPoint a04 = new MonitoredPoint(SiteKind.AIR, "TG-A04", null, PointType.AIR_STATION);
        MonitoredPoint a01 = new MonitoredPoint(SiteKind.AIR, "TG-A01", null, PointType.AIR_STATION);
        MonitoredPoint da = new MonitoredPoint(SiteKind.ENTERPRISE, "E001", "DA001", PointType.STACK);
        MonitoredPoint dw = new MonitoredPoint(SiteKind.ENTERPRISE, "E001", "DW001", PointType.WASTEWATER);
        assertFalse(c.rulesFor(a04).pm25Hourly().enabled());
        assertEquals(5.0, c.rulesFor(a04).offline().multiple(), "an override starts from the file's rules");
        assertTrue(c.rulesFor(a01).pm25Hourly().enabled());
        assertEquals(0.9, c.rulesFor(da).permit().earlyWarningShare());
        assertEquals(5.0, c.rulesFor(da).offline().multiple());
        assertEquals(0.9, c.rulesFor(dw).permit().earlyWarningShare(), "the outlet inherits its enterprise's");
        assertEquals(10.0, c.rulesFor(dw).offline().multiple());
    }

    @Test
    void overridesMustNameRegisteredSites() {
        Registry registry = RegistryFiles.parse("""
                air:
                  - {id: TG-A01, name: a}
                enterprises:
                  - {id: E001, name: e, outlets: [{id: DA001, type: stack, limits: {}}]}
                """, "test");
        AlertRulesConfig c = parse("""
                heavyPollution: {stations: [TG-A01, TG-A99]}
                alertOverrides:
                  air: {TG-A02: {}}
                  enterprise: {E001: {}, E001/DW009: {}, E009: {}}
                """);
        assertEquals(List.of(
                "alertOverrides.air.TG-A02: no such air site in the registry",
                "alertOverrides.enterprise.E001/DW009: no such outlet in the registry",
                "alertOverrides.enterprise.E009: no such enterprise site in the registry",
                "heavyPollution.stations: 'TG-A99' is not an air station of the registry"), c.problemsWith(registry));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rules: {permit: {earlyWarningShare: 1.5}}              | alert rules test.yaml: rules.permit.earlyWarningShare: must be > 0 and ≤ 1, not 1.5
            rules: {permit: {clearAtOrBelowShare: 0.8}}            | alert rules test.yaml: rules.permit.clearAtOrBelowShare: must be below earlyWarningShare (0.8), not 0.8
            rules: {pm25Hourly: {clearAfterHours: 0}}              | alert rules test.yaml: rules.pm25Hourly.clearAfterHours: must be between 1 and 24, not 0
            rules: {pm25Hourly: {clearAfterHours: two}}            | alert rules test.yaml: rules.pm25Hourly.clearAfterHours: 'two' is not a valid whole number
            rules: {pm25Hourly: {severityByCategory: {2: major}}}  | alert rules test.yaml: rules.pm25Hourly.severityByCategory.2: only categories 3 to 6 (轻度 to 严重污染) can alert
            rules: {pm25Hourly: {severityByCategory: {3: loud}}}   | alert rules test.yaml: rules.pm25Hourly.severityByCategory.3: 'loud' is not one of info, warning, major, critical, none
            rules: {permit: {exceededSeverity: loud}}              | alert rules test.yaml: rules.permit.exceededSeverity: severity 'loud' is not one of info, warning, major, critical
            rules: {faultFlags: {minDuration: 30}}                 | alert rules test.yaml: rules.faultFlags.minDuration: '30' is not a valid duration such as 30s, 10m, 2h
            rules: {faultFlags: {minDuration: 0s}}                 | alert rules test.yaml: rules.faultFlags.minDuration: must be a positive duration, not 0s
            rules: {faultFlags: {flags: [N]}}                      | alert rules test.yaml: rules.faultFlags.flags: 'N' is not an HJ 212 flag other than N
            rules: {flatline: {minDuration: {air: {ph: 2h}}}}      | alert rules test.yaml: rules.flatline.minDuration.air.ph: not a parameter of air (pm25, pm10, so2, no2, co, o3, temp, humidity, pressure, wind_speed, wind_dir)
            rules: {permit: {earlyWarnigShare: 0.9}}               | alert rules test.yaml: rules.permit.earlyWarnigShare: unknown key (known: clearAfterHours, clearAtOrBelowShare, earlyWarningSeverity, earlyWarningShare, enabled, exceededSeverity, o2SuppressAt, raiseAfterHours)
            rules: {waterClass: {lakeTotalNitrogen: maybe}}        | alert rules test.yaml: rules.waterClass.lakeTotalNitrogen: 'maybe' is not one of separate, inClass
            rules: {permit: 5}                                     | alert rules test.yaml: rules.permit: expected a mapping, not '5'
            window: {expectedInterval: {air: 0s}}                  | alert rules test.yaml: window.expectedInterval.air: must be a positive duration, not 0s
            window: {retainHours: 1}                               | alert rules test.yaml: window.retainHours: must be between 2 and 168, not 1
            standards: {aqi: HJ633-2099}                           | alert rules test.yaml: standards.aqi: 'HJ633-2099' is not one of auto, HJ633-2012, HJ633-2026
            heavyPollution: {minStations: 0}                       | alert rules test.yaml: heavyPollution.minStations: must be ≥ 1, not 0
            alertOverrides: {air: {TG-A01: {offline: {multiple: 0.5}}}} | alert rules test.yaml: alertOverrides.air.TG-A01.offline.multiple: must be > 1 and ≤ 10000, not 0.5
            alertOverrides: {air: {TG-A01/X: {}}}                  | alert rules test.yaml: alertOverrides.air.TG-A01/X: only enterprise overrides may name an outlet, as ENTERPRISE/OUTLET
            alertOverrides: {lake: {}}                             | alert rules test.yaml: alertOverrides.lake: unknown key (known: air, water, enterprise)
            rulez: {}                                              | alert rules test.yaml: rulez: unknown key (known: standards, window, rules, heavyPollution, alertOverrides, reports)
            [1, 2]                                                 | alert rules test.yaml: expected a mapping with standards, window, rules, heavyPollution, alertOverrides
            'rules: {'                                             | alert rules test.yaml: not valid YAML
            """)
    void aBadValueGivesAnErrorNamingTheKey(String yaml, String message) {
        String actual = error(yaml);
        assertTrue(actual.startsWith(message), () -> "expected: " + message + "\n  actual: " + actual);
    }

    @Test
    void aRepeatedKeyIsAnError() {
        String actual = error("rules:\n  permit: {earlyWarningShare: 0.8}\n  permit: {earlyWarningShare: 0.9}\n");
        assertTrue(actual.startsWith("alert rules test.yaml: not valid YAML: duplicate key 'permit'"), actual);
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("PT10M"));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("2 hours"));
    }
}
