package io.envmon.ingest.config;

import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.ParseMode;
import io.envmon.hj212.mapping.DevicePasswords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/** The HJ 212 settings of both transports, {@code ENVMON_HJ212_*} (docs/configuration.md, docs/hj212.md). */
final class Hj212Settings {

    static final Setting TCP_PORT = new Setting("hj212.tcpPort", "ENVMON_HJ212_TCP_PORT", null, false);
    static final Setting MODE = new Setting("hj212.mode", "ENVMON_HJ212_MODE", "lenient", false);
    static final Setting TIME_ZONE = new Setting("hj212.timeZone", "ENVMON_HJ212_TIME_ZONE", "Asia/Shanghai", false);
    static final Setting MAX_SEGMENT = new Setting("hj212.maxSegmentBytes", "ENVMON_HJ212_MAX_SEGMENT_BYTES", null, false);
    static final Setting IDLE_TIMEOUT = new Setting("hj212.idleTimeout", "ENVMON_HJ212_IDLE_TIMEOUT", "10m", false);
    static final Setting MAX_CONNECTIONS = new Setting("hj212.maxConnections", "ENVMON_HJ212_MAX_CONNECTIONS", "1000", false);
    static final Setting MAX_PENDING = new Setting("hj212.maxPendingFrames", "ENVMON_HJ212_MAX_PENDING_FRAMES", "64", false);
    static final Setting SPLIT_TIMEOUT = new Setting("hj212.splitTimeout", "ENVMON_HJ212_SPLIT_TIMEOUT", "5m", false);
    static final Setting BIND_ADDRESS = new Setting("hj212.bindAddress", "ENVMON_HJ212_BIND_ADDRESS",
            Hj212ServiceConfig.DEFAULT_BIND_ADDRESS, false);
    static final Setting MAX_PER_ADDRESS = new Setting("hj212.maxConnectionsPerAddress",
            "ENVMON_HJ212_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(Hj212ServiceConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS), false);
    static final Setting PASSWORDS = new Setting("hj212.passwordsFile", "ENVMON_HJ212_PASSWORDS", null, false);
    static final Setting REQUIRE_PASSWORD = new Setting("hj212.requirePassword", "ENVMON_HJ212_REQUIRE_PASSWORD", "true", false);

    private Hj212Settings() {
    }

    /** The TCP gateway's port, or {@code null}: no gateway. */
    static Integer tcpPort(SettingValues v) {
        return v.optionalInteger(TCP_PORT, 1, 65535);
    }

    static Hj212ServiceConfig read(SettingValues v, Integer tcpPort) {
        ZoneId zone = Hj212ServiceConfig.defaults().timeZone();
        try {
            zone = ZoneId.of(v.raw(TIME_ZONE));
        } catch (java.time.DateTimeException | NullPointerException e) {
            v.problem(TIME_ZONE.label() + ": '" + v.raw(TIME_ZONE) + "' is not a time zone (e.g. Asia/Shanghai)");
        }
        return new Hj212ServiceConfig(tcpPort, v.enumValue(MODE, ParseMode.class), zone,
                v.optionalInteger(MAX_SEGMENT, 64, Hj212Config.LENIENT_MAX_SEGMENT),
                v.duration(IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
                v.integer(MAX_CONNECTIONS, 1, 1_000_000),
                v.integer(MAX_PENDING, 1, 10_000),
                v.duration(SPLIT_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(1)),
                v.address(BIND_ADDRESS), v.integer(MAX_PER_ADDRESS, 1, 1_000_000),
                v.bool(REQUIRE_PASSWORD), passwords(v));
    }

    /** The device passwords file, read and checked now so that a bad line stops the start naming it. */
    private static DevicePasswords passwords(SettingValues v) {
        Path file = v.optionalFile(PASSWORDS);
        if (file == null || !Files.isReadable(file)) {
            return DevicePasswords.none();
        }
        try {
            return DevicePasswords.parse(Files.readString(file), PASSWORDS.label() + " '" + file + "'");
        } catch (IOException e) {
            v.problem(PASSWORDS.label() + ": cannot read '" + file + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            v.problem(e.getMessage());
        }
        return DevicePasswords.none();
    }
}
