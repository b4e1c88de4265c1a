package io.envmon.ingest.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The durable spool's settings, {@code ENVMON_SPOOL_*} (docs/configuration.md, docs/operations.md). */
final class SpoolSettings {

    static final Setting DIR = new Setting("spool.dir", "ENVMON_SPOOL_DIR", SpoolConfig.DEFAULT_DIR, false);
    static final Setting MAX_BYTES = new Setting("spool.maxBytes", "ENVMON_SPOOL_MAX_BYTES",
            SpoolConfig.DEFAULT_MAX_BYTES, false);
    static final Setting AFTER = new Setting("spool.after", "ENVMON_SPOOL_AFTER", SpoolConfig.DEFAULT_AFTER, false);

    private SpoolSettings() {
    }

    /** The folder is only checked for form here; Main opens it (creating, locking) before anything connects. */
    static SpoolConfig read(SettingValues v) {
        long maxBytes = ByteSizes.parse(MAX_BYTES, v.raw(MAX_BYTES), v.problems());
        if (maxBytes != 0 && (maxBytes < ByteSizes.MIB || maxBytes > ByteSizes.TIB)) {
            v.problem(MAX_BYTES.label() + ": " + v.raw(MAX_BYTES) + " must be 0 (no spool) or between "
                    + "1MiB and 1TiB");
        }
        String dir = v.raw(DIR);
        Path path = null;
        if (dir == null || dir.isBlank()) {
            v.problem(DIR.label() + ": must be the path of a folder the service may write");
        } else {
            try {
                path = Path.of(dir);
            } catch (java.nio.file.InvalidPathException e) {
                v.problem(DIR.label() + ": '" + dir + "' is not a path (" + e.getReason() + ")");
            }
            if (path != null && Files.exists(path) && !Files.isDirectory(path)) {
                v.problem(DIR.label() + ": '" + path.toAbsolutePath() + "' exists and is not a folder");
            }
        }
        return new SpoolConfig(path, maxBytes, v.duration(AFTER, Duration.ofMillis(100), Duration.ofMinutes(10)));
    }
}
