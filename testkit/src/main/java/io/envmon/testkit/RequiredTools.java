package io.envmon.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs that some tests run besides mosquitto and influxd ({@code prometheus}, {@code shellcheck}; {@code
 * ./envmon test} installs their Debian packages). A missing one fails the test that needs it, so a check can never
 * pass unseen because its tool was absent. The explicit opt-out is {@value #OPT_OUT_ENV} (or the system property
 * {@value #OPT_OUT_PROPERTY}) naming the program, e.g. {@code ENVMON_TEST_WITHOUT="prometheus shellcheck"}: the test
 * is then reported as skipped, with the reason, instead of failing.
 */
public final class RequiredTools {

    /** Environment variable: programs (space or comma separated) whose absence skips rather than fails. */
    public static final String OPT_OUT_ENV = "ENVMON_TEST_WITHOUT";
    /** System property with the same meaning as {@link #OPT_OUT_ENV}. */
    public static final String OPT_OUT_PROPERTY = "envmon.test.without";

    private RequiredTools() {
    }

    /**
     * @param name          the program, e.g. {@code prometheus}
     * @param overrideEnv   environment variable that may hold the program's full path
     * @param debianPackage package that brings it
     * @param check         what the caller checks with it, for the messages
     * @return the program's path
     * @throws AssertionError when it is missing and not opted out (the test fails); when it is missing and opted out,
     *                        the test is aborted with a JUnit assumption (reported as skipped)
     */
    public static Path require(String name, String overrideEnv, String debianPackage, String check) {
        Optional<Path> found = find(name, overrideEnv);
        if (found.isPresent()) {
            return found.get();
        }
        String missing = name + " is not installed (Debian package '" + debianPackage + "')";
        Assumptions.assumeFalse(optedOut(name), () -> missing + " and " + OPT_OUT_ENV + " opts out of it: " + check
                + " NOT checked");
        throw new AssertionError(missing + ", so " + check + " cannot be checked: ./envmon test installs it; or opt "
                + "out explicitly with " + OPT_OUT_ENV + "=" + name + " (the check is then reported as skipped)");
    }

    /**
     * For a requirement that is not a program on PATH (a Python module, say): fails the test, or skips it when
     * {@value #OPT_OUT_ENV} names {@code name}. Never returns normally.
     *
     * @param why what is wrong, e.g. {@code /usr/bin/python3 cannot import aiosmtpd}
     */
    public static void missing(String name, String debianPackage, String check, String why) {
        String missing = why + " (Debian package '" + debianPackage + "')";
        Assumptions.assumeFalse(optedOut(name), () -> missing + " and " + OPT_OUT_ENV + " opts out of it: " + check
                + " NOT checked");
        throw new AssertionError(missing + ", so " + check + " cannot be checked: ./envmon test installs it; or opt "
                + "out explicitly with " + OPT_OUT_ENV + "=" + name + " (the check is then reported as skipped)");
    }

    /** The program's path (the override variable first, then PATH and the usual folders), or empty. */
    public static Optional<Path> find(String name, String overrideEnv) {
        return Binaries.lookup(name, overrideEnv).filter(Files::isExecutable);
    }

    /** True when the run opted out of {@code name} ({@value #OPT_OUT_ENV} or {@value #OPT_OUT_PROPERTY}). */
    public static boolean optedOut(String name) {
        return optOuts().contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> optOuts() {
        String value = String.join(" ", Optional.ofNullable(System.getenv(OPT_OUT_ENV)).orElse(""),
                System.getProperty(OPT_OUT_PROPERTY, ""));
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
