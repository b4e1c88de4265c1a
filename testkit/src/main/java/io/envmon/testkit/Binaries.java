package io.envmon.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the server programs of the Debian packages: an override variable, then PATH, then the usual folders. */
final class Binaries {

    private Binaries() {
    }

    /**
     * @param name          program name, e.g. {@code mosquitto}
     * @param overrideEnv   environment variable that may hold the program's full path
     * @param debianPackage package to suggest in the error
     * @throws IllegalStateException when the program is nowhere to be found
     */
    static Path find(String name, String overrideEnv, String debianPackage) {
        return lookup(name, overrideEnv).orElseThrow(() -> new IllegalStateException(name + " not found on PATH nor in "
                + "/usr/sbin, /usr/bin: install the Debian package '" + debianPackage + "' (./envmon test does) or set "
                + overrideEnv + " to its path"));
    }

    /** The program's path (the override variable's value when set), or empty when it is nowhere to be found. */
    static Optional<Path> lookup(String name, String overrideEnv) {
        String override = System.getenv(overrideEnv);
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        Stream<Path> onPath = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name));
        Stream<Path> usual = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin").stream()
                .map(dir -> Path.of(dir, name));
        return Stream.concat(onPath, usual)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
