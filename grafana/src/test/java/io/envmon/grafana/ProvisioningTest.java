package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.envmon.grafana.gen.Grafana;
import org.junit.jupiter.api.Test;

/** Grafana provisioning files: they parse, define the uids the dashboards use, and name no host. */
class ProvisioningTest {

    static final YAMLMapper YAML = new YAMLMapper();
    private final Path root = Root.path();

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    @Test
    void dataSourcesHaveTheFixedUidsAndInfluxQl() {
        JsonNode file = yaml(root.resolve("grafana/provisioning/datasources/envmon.yaml"));
        assertEquals(1, file.path("apiVersion").asInt());
        Map<String, JsonNode> byUid = new HashMap<>();
        file.path("datasources").forEach(ds -> byUid.put(ds.path("uid").asText(), ds));
        assertEquals(2, byUid.size(), "InfluxDB and Prometheus");

        JsonNode influx = byUid.get(Grafana.INFLUX_UID);
        assertEquals("influxdb", influx.path("type").asText());
        assertEquals("proxy", influx.path("access").asText(), "the Grafana server queries, browsers never reach InfluxDB");
        assertEquals("InfluxQL", influx.path("jsonData").path("version").asText(), "the dashboards are InfluxQL");
        assertEquals("${GRAFANA_INFLUX_DATABASE}", influx.path("jsonData").path("dbName").asText());
        assertEquals("Authorization", influx.path("jsonData").path("httpHeaderName1").asText());
        assertEquals("Token ${GRAFANA_INFLUX_TOKEN}", influx.path("secureJsonData").path("httpHeaderValue1").asText(),
                "InfluxDB 2.x/3.x token (and 1.8+ user:password)");
        assertEquals("${GRAFANA_INFLUX_URL}", influx.path("url").asText(), "no host in the file");

        JsonNode prometheus = byUid.get(Grafana.PROMETHEUS_UID);
        assertEquals("prometheus", prometheus.path("type").asText());
        assertEquals("${GRAFANA_PROMETHEUS_URL}", prometheus.path("url").asText(), "no host in the file");
    }

    @Test
    void dashboardsAreProvisionedFromOneFolder() {
        JsonNode file = yaml(root.resolve("grafana/provisioning/dashboards/envmon.yaml"));
        assertEquals(1, file.path("apiVersion").asInt());
        JsonNode provider = file.path("providers").get(0);
        assertEquals("file", provider.path("type").asText());
        assertFalse(provider.path("options").path("path").asText().isBlank());
        assertFalse(provider.path("allowUiUpdates").asBoolean(true), "generated files: UI edits would be lost");
    }

    @Test
    void theComposeFileGivesGrafanaEveryVariableTheProvisioningReads() throws IOException {
        String datasources = java.nio.file.Files.readString(root.resolve("grafana/provisioning/datasources/envmon.yaml"));
        JsonNode grafana = yaml(root.resolve("deploy/docker-compose.yml")).path("services").path("grafana");
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(datasources.replaceAll("(?m)^\\s*#.*$", ""));
        int n = 0;
        while (m.find()) {
            assertTrue(grafana.path("environment").has(m.group(1)),
                    "docker-compose.yml sets " + m.group(1) + " for Grafana");
            n++;
        }
        assertTrue(n >= 4);
        String provider = yaml(root.resolve("grafana/provisioning/dashboards/envmon.yaml"))
                .path("providers").get(0).path("options").path("path").asText();
        assertTrue(grafana.path("volumes").toString().contains("../grafana/dashboards:" + provider + ":ro"),
                "the dashboards are mounted where the provider reads them");
        assertTrue(grafana.path("volumes").toString().contains("../grafana/provisioning:/etc/grafana/provisioning:ro"));
    }
}
