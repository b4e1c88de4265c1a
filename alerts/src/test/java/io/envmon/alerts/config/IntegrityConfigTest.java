package io.envmon.alerts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules.integrity: validation that names the key, and who sees each rule's alerts (docs/alerts.md#integrity-rules). */
class IntegrityConfigTest {

    private final AlertRulesConfigParser parser = new AlertRulesConfigParser();

    private AlertRulesConfig parse(String yaml) {
        return parser.parse(yaml, "test.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            parkedUnderLimit: {bandFromShare: 1}                    | rules.integrity.parkedUnderLimit.bandFromShare: must be > 0 and < 1, not 1
            parkedUnderLimit: {hours: 2}                            | rules.integrity.parkedUnderLimit.hours: must be between 3 and 168, not 2
            parkedUnderLimit: {minHistoryHours: 60}                 | rules.integrity.parkedUnderLimit.minHistoryHours: must be ≤ historyHours (48), not 60
            parkedUnderLimit: {variabilityRatio: 0}                 | rules.integrity.parkedUnderLimit.variabilityRatio: must be > 0 and < 1, not 0
            parkedUnderLimit: {audience: public}                    | rules.integrity.parkedUnderLimit.audience: 'public' is not one of bureau, enterprise
            parkedUnderLimit: {hour: 12}                            | rules.integrity.parkedUnderLimit.hour: unknown key
            impossibleCombination: {runningFlowAbove: {stack: 0}}   | rules.integrity.impossibleCombination.runningFlowAbove.stack: must be above zeroFlowAtOrBelow.stack (0), not 0
            impossibleCombination: {runningFlowAbove: {air: 5}}     | rules.integrity.impossibleCombination.runningFlowAbove.air: not an outlet type (stack, wastewater)
            impossibleCombination: {zeroFlowAtOrBelow: {stack: -1}} | rules.integrity.impossibleCombination.zeroFlowAtOrBelow.stack: must be ≥ 0 m³/h, not -1.0
            impossibleCombination: {positiveShareOfLimit: 0}        | rules.integrity.impossibleCombination.positiveShareOfLimit: must be > 0 and ≤ 1, not 0
            impossibleCombination: {zeroHours: 0}                   | rules.integrity.impossibleCombination.zeroHours: must be between 1 and 48, not 0
            dilution: {o2RiseAtLeast: 0}                            | rules.integrity.dilution.o2RiseAtLeast: must be > 0 and < 21 (percentage points), not 0
            dilution: {flowRatioAtLeast: 0.9}                       | rules.integrity.dilution.flowRatioAtLeast: must be between 1 and 10, not 0.9
            dilution: {minHistoryHours: 60}                         | rules.integrity.dilution.minHistoryHours: must be ≤ historyHours (48), not 60
            copiedSeries: {minDistinct: 40}                         | rules.integrity.copiedSeries.minDistinct: must be ≤ minSamples (30), not 40
            copiedSeries: {hours: 0}                                | rules.integrity.copiedSeries.hours: must be between 1 and 48, not 0
            flagMisuse: {flags: [X]}                                | rules.integrity.flagMisuse.flags: 'X' is not an HJ 212 flag other than N
            flagMisuse: {flaggedHoursAtLeast: 30}                   | rules.integrity.flagMisuse.flaggedHoursAtLeast: must be > 0 and ≤ windowHours (24), not 30
            flagMisuse: {aroundHighSeverity: loud}                  | rules.integrity.flagMisuse.aroundHighSeverity: severity 'loud' is not one of info, warning, major, critical
            """)
    void aWrongValueNamesItsKey(String integrity, String message) {
        String error = assertThrows(AlertRulesException.class,
                () -> parse("rules: {integrity: {" + integrity + "}}")).getMessage();
        assertEquals(true, error.startsWith("alert rules test.yaml: " + message), error);
    }

    @ParameterizedTest(name = "{0} {1}/{2} {3} → {4}")
    @CsvSource(delimiter = '|', textBlock = """
            enterprise | E001 | DA001 | integrity_parked_under_limit     | true
            enterprise | E001 |       | integrity_impossible_combination | true
            enterprise | E001 | DA001 | permit_limit                     | false
            air        | TG-A01 |     | pm25_1h_aqi                      | false
            enterprise | E002 | DA001 | integrity_parked_under_limit     | false
            enterprise | E002 | DA001 | integrity_impossible_combination | true
            enterprise | E003 | DA001 | integrity_parked_under_limit     | false
            enterprise | E003 | DW001 | integrity_parked_under_limit     | true
            enterprise | E001 | DA001 | integrity_dilution               | true
            enterprise | E001 | DA001 | integrity_copied_series          | true
            enterprise | E002 | DA001 | integrity_flag_misuse            | true
            """)
    void integrityAlertsAreForTheBureauUnlessASiteSaysOtherwise(String kind, String site, String point, String rule,
                                                                boolean bureauOnly) {
        AlertRulesConfig config = parse("""
                alertOverrides:
                  enterprise:
                    E002: {integrity: {parkedUnderLimit: {audience: enterprise}}}
                    E003/DA001: {integrity: {parkedUnderLimit: {audience: enterprise}}}
                """);
        assertEquals(bureauOnly, config.bureauOnly(kind, site, point, rule));
    }

    @ParameterizedTest(name = "[{index}] {1} h")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                        | 60
            'rules: {integrity: {parkedUnderLimit: {historyHours: 72}}}'               | 84
            'rules: {integrity: {parkedUnderLimit: {enabled: false}}}'                 | 51
            'rules: {integrity: {parkedUnderLimit: {enabled: false}, impossibleCombination: {enabled: false}}}' | 50
            'rules: {integrity: {parkedUnderLimit: {enabled: false}, impossibleCombination: {enabled: false}, dilution: {enabled: false}, copiedSeries: {enabled: false}, flagMisuse: {enabled: false}}}' | 0
            """)
    void theEngineKeepsWhatTheIntegrityRulesLookBackOn(String yaml, int hours) {
        assertEquals(hours, parse(yaml).integrityLookbackHours());
    }
}
