package io.envmon.hj212.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HJ 212 passwords (PW) of devices by MN, kept apart from the registry because they are secrets: one
 * {@code MN PW} pair a line (blank or tab between them), {@code #} comments and blank lines ignored. The deploy tooling
 * writes this file with a random password per device (deploy/mosquitto/make-passwords.sh); the service reads it from
 * {@code ENVMON_HJ212_PASSWORDS}, the simulator from {@code --hj212-passwords} (docs/hj212.md, "Device passwords").
 * Its {@link #toString} never shows a password.
 */
public final class DevicePasswords {

    private static final DevicePasswords NONE = new DevicePasswords(Map.of());

    private final Map<String, String> byMn;

    private DevicePasswords(Map<String, String> byMn) {
        this.byMn = Map.copyOf(byMn);
    }

    /** No passwords file: the registry's {@code hj212.password} entries are all there is. */
    public static DevicePasswords none() {
        return NONE;
    }

    /** From pairs already checked (tests, tools). */
    public static DevicePasswords of(Map<String, String> byMn) {
        return new DevicePasswords(byMn);
    }

    /**
     * @param source how problems name the file, e.g. {@code ENVMON_HJ212_PASSWORDS (hj212.passwordsFile)}
     * @throws IllegalArgumentException naming every bad line at once
     */
    public static DevicePasswords parse(String text, String source) {
        Map<String, String> byMn = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[ \t]+");
            String at = "line " + (i + 1) + ": ";
            if (fields.length != 2) {
                problems.add(at + "must be 'MN PW' (two fields), has " + fields.length);
                continue;
            }
            String problem = problem(fields[1]);
            if (problem != null) {
                problems.add(at + "the PW of MN " + fields[0] + " " + problem);
            } else if (byMn.put(fields[0], fields[1]) != null) {
                problems.add(at + "MN " + fields[0] + " has a password already");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new DevicePasswords(byMn);
    }

    /** Why a PW cannot go into a frame's header ({@code PW=...;}), or {@code null} when it can. */
    static String problem(String pw) {
        if (pw.length() > 64) {
            return "is longer than 64 characters";
        }
        for (char c : pw.toCharArray()) {
            if (c <= ' ' || c > '~' || c == ';' || c == '&' || c == '=' || c == ',') {
                return "may hold only printable ASCII without ';', '&', '=' or ','";
            }
        }
        return null;
    }

    public Optional<String> of(String mn) {
        return Optional.ofNullable(byMn.get(mn));
    }

    /** The MNs this file gives a password to. */
    public Set<String> mns() {
        return byMn.keySet();
    }

    public int size() {
        return byMn.size();
    }

    @Override
    public String toString() {
        return byMn.size() + " device passwords";
    }
}
