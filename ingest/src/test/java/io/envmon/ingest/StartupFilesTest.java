package io.envmon.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.ingest.config.AlertsConfig;
import io.envmon.ingest.config.ConfigException;
import io.envmon.model.Topic;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert thresholds can be overridden per site in the registry, beside the site, as well as in the rules file. */
class StartupFilesTest {

    static final String SITES = """
            air:
              - {id: TG-A01, name: 站一}
            enterprises:
              - id: E001
                name: 玛钢厂
                outlets:
                  - {id: DA001, type: stack, limits: {particulate: 30}}
            """;

    @TempDir
    Path dir;

    AlertsConfig rulesFile(String text) throws IOException {
        return new AlertsConfig(Files.writeString(dir.resolve("rules.yaml"), text), null, null, Duration.ofSeconds(30));
    }

    @Test
    void aRegistryOverrideAppliesToItsSiteOnly() throws IOException {
        Registry registry = RegistryFiles.parse(SITES + """
                alertOverrides:
                  enterprise:
                    E001/DA001: {permit: {earlyWarningShare: 0.9}}
                """, "registry");
        StartupFiles boot = StartupFiles.load(rulesFile("rules: {permit: {earlyWarningShare: 0.85}}\n"), registry, Map.of());
        var outlet = registry.resolve(Topic.enterprise("E001", "DA001")).orElseThrow();
        var station = registry.resolve(Topic.air("TG-A01")).orElseThrow();
        assertEquals(0.9, boot.rules().rulesFor(outlet).permit().earlyWarningShare());
        assertEquals(0.85, boot.rules().rulesFor(station).permit().earlyWarningShare());
    }

    @Test
    void theSameSiteOverriddenTwiceIsRefusedNamingTheSetting() throws IOException {
        Registry registry = RegistryFiles.parse(SITES + """
                alertOverrides:
                  air:
                    TG-A01: {pm25Hourly: {enabled: false}}
                """, "registry");
        ConfigException e = assertThrows(ConfigException.class, () -> StartupFiles.load(
                rulesFile("alertOverrides: {air: {TG-A01: {pm25Hourly: {enabled: true}}}}\n"), registry, Map.of()));
        assertTrue(e.getMessage().contains("ENVMON_ALERT_RULES") && e.getMessage().contains("TG-A01"), e.getMessage());
    }

    @Test
    void anOverrideForAnUnknownSiteStopsStartUp() {
        Registry registry = RegistryFiles.parse(SITES + """
                alertOverrides:
                  air:
                    TG-A99: {pm25Hourly: {enabled: false}}
                """, "registry");
        ConfigException e = assertThrows(ConfigException.class,
                () -> StartupFiles.load(new AlertsConfig(null, null, null, Duration.ofSeconds(30)), registry, Map.of()));
        assertTrue(e.getMessage().contains("TG-A99"), e.getMessage());
    }

    @Test
    void aChannelsSiteThatIsNotInTheRegistryStopsStartUp() throws IOException {
        Registry registry = RegistryFiles.parse(SITES, "registry");
        Path hooks = Files.writeString(dir.resolve("webhooks.yaml"), """
                webhooks:
                  - {name: ok, type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", audience: bureau,
                     sites: [TG-A01, E001, district, envmon]}
                  - {name: typo, type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", audience: bureau,
                     sites: [TG-A1]}
                """);
        AlertsConfig config = new AlertsConfig(null, null, hooks, Duration.ofSeconds(30));
        ConfigException e = assertThrows(ConfigException.class, () -> StartupFiles.load(config, registry, Map.of()));
        assertTrue(e.getMessage().contains("ENVMON_WEBHOOKS (alerts.webhooksFile): webhooks[1].sites: 'TG-A1' is not a "
                + "site of the registry"), e.getMessage());
        assertEquals(1, e.problems().size(), e.getMessage());
    }
}
