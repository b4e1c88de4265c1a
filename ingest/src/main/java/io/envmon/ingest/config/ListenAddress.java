package io.envmon.ingest.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** What a server may be told to listen on: an IPv4 or IPv6 literal, or a host name. Checked without a DNS lookup. */
final class ListenAddress {

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private ListenAddress() {
    }

    static boolean isValid(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.matches("[0-9.]+")) {
            return value.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                    && Arrays.stream(value.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        if (value.contains(":")) {
            try {
                // a string with ':' is parsed as an IPv6 literal, never looked up
                return InetAddress.getByName(value) instanceof Inet6Address;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return value.matches("(?i)" + LABEL + "(\\." + LABEL + ")*");
    }
}
