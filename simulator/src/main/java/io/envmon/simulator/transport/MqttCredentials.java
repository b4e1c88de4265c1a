package io.envmon.simulator.transport;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.MqttUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-device passwords from the list {@code deploy/mosquitto/make-passwords.sh} hands out
 * ({@code deploy/secrets/mqtt-passwords.txt}: one {@code user<TAB>password} per line), so that each simulated
 * site logs in as its own broker user ({@link MqttUsers}) and the broker's ACL applies to it.
 */
public final class MqttCredentials {

    /** One site's login. */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    private final Path source;
    private final Map<String, String> passwords;

    private MqttCredentials(Path source, Map<String, String> passwords) {
        this.source = source;
        this.passwords = passwords;
    }

    /** @throws TransportException naming the file and line that cannot be read */
    public static MqttCredentials load(Path file) throws TransportException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new TransportException("--credentials: cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new TransportException("--credentials: " + file + " line " + (i + 1)
                        + ": expected 'user<TAB>password' (the format of deploy/secrets/mqtt-passwords.txt)", null);
            }
            passwords.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return new MqttCredentials(file, passwords);
    }

    /** The login of the point's site ({@code enterprise-E001}, {@code air-TG-A01}, …). */
    public Login forPoint(MonitoredPoint point) throws TransportException {
        return forUser(MqttUsers.of(point.kind(), point.site()));
    }

    /** @throws TransportException when the file has no password for {@code user} */
    public Login forUser(String user) throws TransportException {
        String password = passwords.get(user);
        if (password == null) {
            throw new TransportException("--credentials: " + source + " has no password for MQTT user '" + user + "'", null);
        }
        return new Login(user, password);
    }

    /** The login of {@code user}, if the file has one. */
    public Optional<Login> find(String user) {
        return Optional.ofNullable(passwords.get(user)).map(p -> new Login(user, p));
    }
}
