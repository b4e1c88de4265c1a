package io.envmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on the loopback interface for servers started by tests.
 *
 * <p>Ports are drawn at random from below the kernel's ephemeral range, so that the outgoing connections a test
 * makes (which get ephemeral local ports) cannot occupy a port handed out here before its server binds it. A port is
 * never handed out twice by one JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * @return a port that nothing listens on at 127.0.0.1 right now and that this JVM has not handed out before
     * @throws IllegalStateException when no free port is found after many attempts
     */
    public static int next() {
        int highest = ephemeralRangeStart() - 1;
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = highest > LOWEST + 1000
                    ? ThreadLocalRandom.current().nextInt(LOWEST, highest + 1)
                    : kernelChosenPort();
            if (HANDED_OUT.add(candidate)) {
                if (canBind(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no free loopback TCP port found");
    }

    /** @return true when something accepts TCP connections on 127.0.0.1:{@code port} */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosenPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux default
        }
    }
}
