package io.envmon.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.grafana.gen.MosquittoAcl;
import io.envmon.testkit.RequiredTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of deploy/ without a Docker engine: the compose file parses and refers only to files that
 * exist (or that make-passwords.sh creates), every service has an image or a build, the ingest service gets only
 * documented ENVMON_* settings, the Dockerfile copies only what exists and runs as a non-root user with a health
 * check, the systemd unit stops gracefully, the scripts pass shellcheck and the unit systemd-analyze where those
 * programs are installed.
 */
class DeployFilesTest {

    private final Path root = Root.path();
    private final Path deploy = root.resolve("deploy");
    private final JsonNode compose = ProvisioningTest.yaml(deploy.resolve("docker-compose.yml"));

    /** Bind-mounted files made on the server, never committed. */
    private static final Set<String> CREATED_ON_THE_SERVER = Set.of("./mosquitto/passwd");

    @Test
    void theServicesAreThereWithAnImageOrABuild() {
        Set<String> services = new HashSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        assertEquals(Set.of("mosquitto", "influxdb", "ingest", "prometheus", "grafana", "simulator"), services);
        compose.path("services").fields().forEachRemaining(s -> {
            JsonNode svc = s.getValue();
            assertTrue(svc.has("image") || svc.has("build"), s.getKey() + " has an image or a build");
            if (svc.has("build")) {
                Path context = deploy.resolve(svc.path("build").path("context").asText()).normalize();
                assertTrue(Files.isDirectory(context), s.getKey() + ": build context " + context);
                assertTrue(Files.isRegularFile(context.resolve(svc.path("build").path("dockerfile").asText())),
                        s.getKey() + ": Dockerfile");
            }
            JsonNode dependsOn = svc.path("depends_on");
            if (dependsOn.isArray()) {
                dependsOn.forEach(d -> assertTrue(services.contains(d.asText()), s.getKey() + " depends on " + d));
            } else {
                dependsOn.fieldNames().forEachRemaining(d -> assertTrue(services.contains(d), s.getKey() + " on " + d));
            }
        });
        assertEquals("[\"simulator\"]", compose.path("services").path("simulator").path("profiles").toString(),
                "the simulator only runs when its profile is asked for");
        assertTrue(compose.path("services").path("influxdb").path("image").asText().startsWith("influxdb:2.7"));
    }

    @Test
    void everyBindMountedFileExists() throws IOException {
        Set<String> namedVolumes = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(namedVolumes::add);
        String script = Files.readString(deploy.resolve("mosquitto/make-passwords.sh"));
        compose.path("services").fields().forEachRemaining(s -> s.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (!source.startsWith(".") && !source.startsWith("/")) {
                assertTrue(namedVolumes.contains(source), s.getKey() + ": volume " + source + " is declared");
            } else if (CREATED_ON_THE_SERVER.contains(source)) {
                assertTrue(script.contains("$here/passwd"), source + " is made by make-passwords.sh");
            } else {
                assertTrue(Files.exists(deploy.resolve(source)), s.getKey() + ": " + source + " exists");
            }
        }));
    }

    @Test
    void theIngestServiceGetsOnlyDocumentedSettings() throws IOException {
        Set<String> documented = documentedSettings();
        JsonNode ingest = compose.path("services").path("ingest");
        List<String> set = new ArrayList<>();
        ingest.path("environment").fieldNames().forEachRemaining(set::add);
        assertTrue(set.size() > 8);
        for (String name : set) {
            assertTrue(name.startsWith("ENVMON_") && documented.contains(name), name + " is in docs/configuration.md");
        }
        for (String required : List.of("ENVMON_MQTT_URL", "ENVMON_MQTT_USERNAME", "ENVMON_MQTT_PASSWORD",
                "ENVMON_MQTT_CLIENT_ID", "ENVMON_INFLUX_URL", "ENVMON_INFLUX_API", "ENVMON_INFLUX_ORG",
                "ENVMON_INFLUX_BUCKET", "ENVMON_INFLUX_TOKEN", "ENVMON_REGISTRY")) {
            assertTrue(set.contains(required), "compose sets " + required);
        }
        assertEquals("v2", ingest.path("environment").path("ENVMON_INFLUX_API").asText(), "InfluxDB 2.7");
        assertEquals("SIGTERM", ingest.path("stop_signal").asText());
        assertTrue(seconds(ingest.path("stop_grace_period").asText()) >= 40, "more than the 30 s flush limit");
        assertTrue(ingest.path("environment").path("ENVMON_MQTT_URL").asText().startsWith("tcp://mosquitto:"));
        assertEquals(MosquittoAcl.INGEST_USER, ingest.path("environment").path("ENVMON_MQTT_USERNAME").asText(),
                "the ingest service logs in as the ACL's ingest user");
        assertEquals(MosquittoAcl.INGEST_USER, ingest.path("environment").path("ENVMON_MQTT_CLIENT_ID").asText(),
                "the broker uses the user name as client ID: the configured one must be the same");
        assertEquals(MosquittoAcl.INGEST_PUBLISHER_USER,
                ingest.path("environment").path("ENVMON_MQTT_PUBLISHER_USERNAME").asText(),
                "the publishing connection has an account of its own, so the two do not share a client ID");
        // the ports the service listens on and Prometheus scrapes agree
        String port = ingest.path("environment").path("ENVMON_HTTP_PORT").asText();
        JsonNode prometheus = ProvisioningTest.yaml(deploy.resolve("prometheus/prometheus.yml"));
        assertEquals("ingest:" + port, prometheus.path("scrape_configs").get(0).path("static_configs").get(0)
                .path("targets").get(0).asText());
    }

    /**
     * On every listener that authenticates (docs/deployment.md, "Client IDs are user names"), the broker uses the user name as client ID, so no account can
     * take over another's session (the ingest service's) by connecting with its client ID.
     */
    @Test
    void everyAuthenticatingListenerBindsClientIdsToUserNames() throws IOException {
        List<List<String>> listeners = new ArrayList<>();
        for (String line : Files.readAllLines(deploy.resolve("mosquitto/mosquitto.conf"))) {
            String l = line.trim();
            if (l.startsWith("listener ")) {
                listeners.add(new ArrayList<>());
            }
            if (!listeners.isEmpty() && !l.isEmpty() && !l.startsWith("#")) {
                listeners.get(listeners.size() - 1).add(l);
            }
        }
        List<List<String>> authenticating = listeners.stream()
                .filter(options -> options.stream().anyMatch(o -> o.startsWith("password_file "))).toList();
        assertFalse(authenticating.isEmpty(), "the device listener authenticates");
        for (List<String> options : authenticating) {
            assertTrue(options.contains("use_username_as_clientid true"), options.get(0) + ": " + options);
        }
    }

    @Test
    void everySecretTheComposeFileNeedsIsInTheEnvExample() throws IOException {
        String text = Files.readString(deploy.resolve("docker-compose.yml"));
        Set<String> example = new HashSet<>();
        for (String line : Files.readAllLines(deploy.resolve(".env.example"))) {
            if (line.matches("[A-Z_]+=.*")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        Matcher m = Pattern.compile("\\$\\{(\\w+)(:[-?][^}]*)?}").matcher(text);
        while (m.find()) {
            assertTrue(example.contains(m.group(1)), "${" + m.group(1) + "} is in deploy/.env.example");
        }
        assertTrue(Files.readString(deploy.resolve(".gitignore")).lines().anyMatch(".env"::equals), ".env ignored");
    }

    @Test
    void theDockerfileCopiesWhatExistsAndRunsUnprivilegedWithAHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(deploy.resolve("Dockerfile"));
        int stages = 0;
        boolean user = false;
        boolean health = false;
        for (String line : lines) {
            String l = line.trim();
            if (l.startsWith("FROM ")) {
                stages++;
            }
            if (l.startsWith("COPY ") && !l.contains("--from=")) {
                String[] parts = l.substring(5).trim().split("\\s+");
                for (int i = 0; i < parts.length - 1; i++) {
                    assertTrue(Files.exists(root.resolve(parts[i])), "COPY source " + parts[i] + " exists");
                }
            }
            if (l.startsWith("USER ")) {
                assertFalse(l.endsWith("root") || l.endsWith(" 0"), "non-root user");
                user = true;
            }
            if (l.startsWith("HEALTHCHECK") || l.contains("/health")) {
                health |= l.contains("/health");
            }
        }
        assertTrue(stages >= 3, "multi-stage: build, runtime, ingest");
        assertTrue(user && health);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FROM eclipse-temurin:17-jre")));
        assertTrue(lines.stream().anyMatch(l -> l.equals("STOPSIGNAL SIGTERM")));
        assertTrue(Files.isRegularFile(deploy.resolve("Dockerfile.dockerignore")));
    }

    @Test
    void theSystemdUnitStopsGracefullyAndRestartsOnFailure() throws IOException {
        Map<String, String> unit = iniSection(deploy.resolve("systemd/envmon-ingest.service"), "Service");
        // two EnvironmentFile lines: the settings, then make-secrets.sh's tokens and channels (optional: "-")
        assertTrue(Files.readAllLines(deploy.resolve("systemd/envmon-ingest.service"))
                .contains("EnvironmentFile=/etc/envmon/ingest.env"));
        assertEquals("-/etc/envmon/recipients/envmon.env", unit.get("EnvironmentFile"));
        assertEquals("on-failure", unit.get("Restart"));
        assertEquals("SIGTERM", unit.get("KillSignal"));
        assertTrue(seconds(unit.get("TimeoutStopSec")) >= 40, "TimeoutStopSec above the 30 s flush limit");
        assertTrue(unit.get("ExecStart").contains("-jar /opt/envmon/envmon-ingest.jar"));
        assertFalse(unit.get("User").isBlank() || "root".equals(unit.get("User")));
        Set<String> documented = documentedSettings();
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(deploy.resolve("systemd/envmon-ingest.env.example"))) {
            if (line.matches("#? ?ENVMON_\\w+=.*")) {
                String name = line.replaceFirst("^# ?", "").split("=")[0];
                assertTrue(documented.contains(name), name + " is in docs/configuration.md");
                env.put(name, line.substring(line.indexOf('=') + 1));
            }
        }
        assertEquals(MosquittoAcl.INGEST_USER, env.get("ENVMON_MQTT_USERNAME"));
        assertEquals(env.get("ENVMON_MQTT_USERNAME"), env.get("ENVMON_MQTT_CLIENT_ID"),
                "the broker uses the user name as client ID: the configured one must be the same");
        assertEquals(MosquittoAcl.INGEST_PUBLISHER_USER, env.get("ENVMON_MQTT_PUBLISHER_USERNAME"));
    }

    @Test
    void systemdAnalyzeAcceptsTheUnits() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        for (String unit : List.of("envmon-ingest.service", "envmon-simulator.service")) {
            String out = run(List.of(analyze.toString(), "verify", deploy.resolve("systemd/" + unit).toString()));
            assertTrue(out.startsWith("0\n"), unit + ": " + out);
        }
    }

    /**
     * Every shell script of the project (the deployment's, {@code ./envmon}, {@code scripts/}, {@code .ci/run}) passes
     * shellcheck, following the files they source. A missing shellcheck fails the test ({@code ./envmon test}
     * installs it), unless {@code ENVMON_TEST_WITHOUT=shellcheck} opts out: then it is reported as skipped.
     */
    @Test
    void shellcheckAcceptsTheScripts() throws Exception {
        Path shellcheck = RequiredTools.require("shellcheck", "ENVMON_SHELLCHECK_BIN", "shellcheck",
                "the project's shell scripts");
        for (String script : List.of("mosquitto/make-passwords.sh", "influxdb/init/10-dbrp.sh")) {
            assertTrue(Files.isExecutable(deploy.resolve(script)), script + " is executable");
        }
        List<String> scripts = shellScripts();
        assertTrue(scripts.containsAll(List.of("envmon", ".ci/run", "scripts/lib.sh", "deploy/mosquitto/make-passwords.sh",
                "deploy/influxdb/init/10-dbrp.sh")), scripts.toString());
        List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "--external-sources"));
        command.addAll(scripts);
        String out = run(command, root);
        assertTrue(out.startsWith("0\n"), "shellcheck " + scripts + ":\n" + out);
    }

    /** The project's shell scripts, relative to the root: the *.sh files and those starting with a shell's #!. */
    private List<String> shellScripts() throws IOException {
        List<String> out = new ArrayList<>();
        for (String dir : List.of(".", ".ci", "scripts", "deploy")) {
            try (var files = Files.walk(root.resolve(dir), dir.equals(".") ? 1 : Integer.MAX_VALUE)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    if (name.contains("/target/") || name.contains("node_modules/")) {
                        continue;
                    }
                    if (name.endsWith(".sh") || firstLine(file).matches("#!.*\\b(bash|sh)\\b.*")) {
                        out.add(name);
                    }
                }
            }
        }
        return out;
    }

    private static String firstLine(Path file) throws IOException {
        byte[] start = new byte[64];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(start, 0, start.length);
            String text = new String(start, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        }
    }

    @Test
    void theInfluxInitScriptMapsTheDatabaseGrafanaQueries() throws IOException {
        String script = Files.readString(deploy.resolve("influxdb/init/10-dbrp.sh"));
        assertTrue(script.contains("influx v1 dbrp create") && script.contains("DOCKER_INFLUXDB_INIT_BUCKET_ID"));
        JsonNode services = compose.path("services");
        assertEquals("env", services.path("influxdb").path("environment").path("DOCKER_INFLUXDB_INIT_BUCKET").asText());
        assertEquals("env", services.path("grafana").path("environment").path("GRAFANA_INFLUX_DATABASE").asText(),
                "Grafana's InfluxQL database is the mapped bucket's name");
    }

    private Set<String> documentedSettings() throws IOException {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("`(ENVMON_\\w+)`").matcher(Files.readString(root.resolve("docs/configuration.md")));
        while (m.find()) {
            out.add(m.group(1));
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static Map<String, String> iniSection(Path file, String section) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        boolean in = false;
        for (String line : Files.readAllLines(file)) {
            String l = line.trim();
            if (l.startsWith("[")) {
                in = l.equals("[" + section + "]");
            } else if (in && l.contains("=") && !l.startsWith("#")) {
                out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            }
        }
        return out;
    }

    /** 45s, 1m, 90 → seconds. */
    private static long seconds(String text) {
        Matcher m = Pattern.compile("^(\\d+)(s|m|min)?$").matcher(text.trim());
        assertTrue(m.matches(), "a duration: " + text);
        long n = Long.parseLong(m.group(1));
        return m.group(2) != null && m.group(2).startsWith("m") ? n * 60 : n;
    }

    /** Runs a program; its exit code, a newline, then what it printed. */
    private static String run(List<String> command) throws Exception {
        return run(command, Path.of("."));
    }

    /** Runs a program in {@code dir}; its exit code, a newline, then what it printed. */
    private static String run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS));
        return p.exitValue() + "\n" + out;
    }
}
