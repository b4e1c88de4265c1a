package io.envmon.simulator.registry;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Hands out HJ 212 device IDs (MN) that are unique within one registry: 14 digits for ambient stations and
 * sections (district code 140703 first), 24 characters for enterprise data loggers, in the shape vendors use.
 */
final class MnAllocator {

    private static final String HEX = "0123456789ABCDEF";

    private final Random random;
    private final Set<String> used = new HashSet<>();

    MnAllocator(Random random) {
        this.random = random;
    }

    /** 14 digits: district code 140703, a two-digit network code, then six seeded digits. */
    String station(String networkCode) {
        return unique(() -> "140703" + networkCode + digits(6));
    }

    /** 24 characters like {@code 010000A8900016F000169DC0}: a fixed vendor prefix and 15 seeded hex digits. */
    String dataLogger() {
        return unique(() -> "010000A89" + hex(15));
    }

    private String unique(java.util.function.Supplier<String> candidate) {
        while (true) {
            String mn = candidate.get();
            if (used.add(mn)) {
                return mn;
            }
        }
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(HEX.charAt(random.nextInt(16)));
        }
        return sb.toString();
    }
}
