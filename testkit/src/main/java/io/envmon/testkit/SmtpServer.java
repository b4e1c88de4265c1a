package io.envmon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real SMTP server on a free loopback port: Debian's {@code python3-aiosmtpd}, run with the system python
 * ({@code /usr/bin/python3}, not a pyenv one without the package) through a small launcher
 * ({@code smtp_server.py}) that adds what {@code python3 -m aiosmtpd} cannot set from its command line: AUTH with one
 * user, STARTTLS or TLS from the first byte with a self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1} ({@link #certificate()}, made with {@code openssl}), and a mailbox folder of received messages,
 * decoded by Python's {@code email} package ({@link #messages()}).
 * <pre>{@code
 * try (SmtpServer smtp = new SmtpServer().withStartTls().withLogin("envmon", "pw").start()) {
 *     ... send to 127.0.0.1:smtp.port() ...
 *     SmtpServer.Mail mail = smtp.awaitMessages(1, Duration.ofSeconds(30)).get(0);
 * }
 * }</pre>
 * A missing {@code python3-aiosmtpd} fails the test ({@code ./envmon test} installs it) unless
 * {@code ENVMON_TEST_WITHOUT} names it: then the test is skipped ({@link RequiredTools}).
 */
public final class SmtpServer implements AutoCloseable {

    /** Environment variable that may hold the python to use (default {@code /usr/bin/python3}). */
    public static final String PYTHON_ENV = "ENVMON_SMTP_PYTHON";
    public static final String PACKAGE = "python3-aiosmtpd";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the server protects the connection. */
    public enum Security { NONE, STARTTLS, TLS }

    /**
     * One received message.
     *
     * @param mailFrom  the envelope sender (MAIL FROM)
     * @param rcptTos   the envelope recipients (RCPT TO)
     * @param authLogin the user that authenticated, {@code null} without AUTH
     * @param tls       whether the session was encrypted (STARTTLS or TLS)
     * @param subject   the decoded Subject
     * @param headers   every header, decoded (first value of each name)
     * @param text      the decoded text/plain body, lines ending in \n
     */
    public record Mail(String mailFrom, List<String> rcptTos, String authLogin, boolean tls, String subject,
                       Map<String, String> headers, String text) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    private final int port = FreePorts.next();
    private Security security = Security.NONE;
    private String user;
    private String password;
    private final ServerProcess server;
    private final Path python;

    /** Chooses a free port and a temporary folder; needs python3-aiosmtpd (see the class comment). */
    public SmtpServer() {
        this.python = requirePython();
        this.server = new ServerProcess("aiosmtpd", port, Duration.ofSeconds(30), Duration.ofSeconds(10),
                "aiosmtpd.out", this::prepare, () -> FreePorts.isListening(port),
                () -> ChildProcess.tail(server().output(), 30));
    }

    /** STARTTLS offered and required before MAIL (port-587 style). @return this */
    public SmtpServer withStartTls() {
        this.security = Security.STARTTLS;
        return this;
    }

    /** TLS from the first byte (port-465 style). @return this */
    public SmtpServer withTls() {
        this.security = Security.TLS;
        return this;
    }

    /** AUTH PLAIN/LOGIN required, with this one user. @return this */
    public SmtpServer withLogin(String user, String password) {
        this.user = Objects.requireNonNull(user);
        this.password = Objects.requireNonNull(password);
        return this;
    }

    /** Starts the server and waits until it listens (at most 30 s). @return this */
    public SmtpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The server's self-signed certificate (PEM), for the client to trust; exists once started with TLS. */
    public Path certificate() {
        return server.dir().resolve("cert.pem");
    }

    /** The messages received so far, oldest first. */
    public List<Mail> messages() {
        Path box = mailbox();
        if (!Files.isDirectory(box)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(box)) {
            List<Mail> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(read(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + box, e);
        }
    }

    /** Waits until at least {@code count} messages arrived; returns all. */
    public List<Mail> awaitMessages(int count, Duration atMost) {
        Awaitility.await(count + " message(s) at the SMTP server on port " + port).atMost(atMost)
                .pollInterval(Duration.ofMillis(100)).until(() -> messages().size() >= count);
        return messages();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** The server's output (its errors, and one line when it listens). */
    public String logTail(int lines) {
        return ChildProcess.tail(server.output(), lines);
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        server.close();
    }

    private ServerProcess server() {
        return server;
    }

    private Path mailbox() {
        return server.dir().resolve("mailbox");
    }

    private static Mail read(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        List<String> rcpt = new ArrayList<>();
        n.path("rcptTos").forEach(r -> rcpt.add(r.asText()));
        Map<String, String> headers = new LinkedHashMap<>();
        n.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new Mail(n.path("mailFrom").asText(), rcpt, n.path("authLogin").isNull() ? null : n.path("authLogin").asText(),
                n.path("tls").asBoolean(), n.path("subject").asText(), headers,
                n.path("text").asText().replace("\r\n", "\n")); // SMTP lines end in CRLF
    }

    private List<String> prepare() {
        Path dir = server.dir();
        try {
            Files.createDirectories(mailbox());
            Path script = dir.resolve("smtp_server.py");
            try (InputStream in = SmtpServer.class.getResourceAsStream("smtp_server.py")) {
                Files.write(script, Objects.requireNonNull(in, "smtp_server.py resource").readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), "--port",
                    Integer.toString(port), "--mailbox", mailbox().toString(), "--security",
                    security.name().toLowerCase(java.util.Locale.ROOT)));
            if (security != Security.NONE) {
                makeCertificate(dir);
                command.addAll(List.of("--cert", certificate().toString(), "--key", dir.resolve("key.pem").toString()));
            }
            if (user != null) {
                command.addAll(List.of("--user", user, "--password", password));
            }
            return command;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SMTP server in " + dir, e);
        }
    }

    private static void makeCertificate(Path dir) {
        if (Files.exists(dir.resolve("cert.pem"))) {
            return; // a restart keeps the certificate the client trusts
        }
        Path openssl = RequiredTools.require("openssl", "ENVMON_OPENSSL_BIN", "openssl", "SMTP over TLS");
        ChildProcess p = ChildProcess.start(List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"), dir, Map.of(), dir.resolve("openssl.out"));
        if (!p.waitFor(Duration.ofSeconds(30)) || p.exitCode() != 0 || !Files.exists(dir.resolve("cert.pem"))) {
            throw new IllegalStateException("openssl could not make a certificate: "
                    + ChildProcess.read(dir.resolve("openssl.out")));
        }
    }

    /** The system python with aiosmtpd importable; fails (or skips, when opted out) the test otherwise. */
    private static Path requirePython() {
        String override = System.getenv(PYTHON_ENV);
        Path python = Path.of(override == null || override.isBlank() ? "/usr/bin/python3" : override);
        boolean ok = false;
        if (Files.isExecutable(python)) {
            try {
                Process p = new ProcessBuilder(python.toString(), "-c", "import aiosmtpd").redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                ok = p.waitFor() == 0;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!ok) {
            RequiredTools.missing(PACKAGE, PACKAGE, "mail delivery to a real SMTP server", python
                    + " cannot import aiosmtpd");
        }
        return python;
    }
}
