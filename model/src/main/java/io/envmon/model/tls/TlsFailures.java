package io.envmon.model.tls;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns what a failed connection throws into one sentence an operator can act on: client libraries wrap the cause
 * (Paho as "Untranslated MqttException - RC: 0", OkHttp in its own exceptions), and the JDK words certificate problems
 * as "PKIX path building failed". The table of causes and advice is in docs/operations.md ("TLS problems").
 */
public final class TlsFailures {

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private TlsFailures() {
    }

    /**
     * @param failure   what the connection attempt threw (any wrapper)
     * @param caSetting the setting that names the CAs this client trusts (for the advice), e.g. ENVMON_MQTT_TLS_CA
     * @return the cause in a sentence, e.g. "the server's certificate has expired (NotAfter: ...)"
     */
    public static String describe(Throwable failure, String caSetting) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof CertificateExpiredException) {
                return "TLS: the server's certificate has expired (" + t.getMessage() + "); renew it";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "TLS: the server's certificate is not valid yet (" + t.getMessage() + "); check both clocks";
            }
        }
        for (Throwable t : chain) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof CertPathBuilderException || message.contains("unable to find valid certification path")) {
                return "TLS: the server's certificate is not signed by a CA this service trusts (" + caSetting
                        + ": set it to the PEM file of the CA that signed the server's certificate)";
            }
            if (t instanceof CertPathValidatorException) {
                return "TLS: the server's certificate chain is not valid (" + message + ")";
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")
                    || t instanceof SSLPeerUnverifiedException) {
                return "TLS: the server's certificate does not name the host of the URL (" + message
                        + "); its subject alternative names must include it";
            }
        }
        for (Throwable t : chain) {
            String message = String.valueOf(t.getMessage());
            Matcher alert = ALERT.matcher(message);
            if (t instanceof SSLException && alert.find()) {
                return "TLS: the server refused the handshake with alert '" + alert.group(1) + "'" + advice(alert.group(1));
            }
            if (t instanceof SSLException && message.contains("Unsupported or unrecognized SSL message")) {
                return "TLS: the server does not speak TLS on this port (a plain tcp:// or http:// port?)";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SSLException) {
                return "TLS: " + t.getMessage();
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                // before the next test: Paho connects through the TLS socket, so a refused connection is thrown
                // from inside it too
                return "cannot connect (" + t.getMessage() + ")";
            }
            if (t instanceof SocketException && inTls(t)) {
                // TLS 1.3: the client's handshake is done before the server checks the client's certificate; a
                // refusal then often reaches the client as a closed socket rather than as the alert
                return "TLS: the server closed the connection (" + t.getMessage() + "); when every attempt ends so, "
                        + "it may want a client certificate it trusts (the *_TLS_CERT and *_TLS_KEY settings)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out (" + t.getMessage() + ")";
            }
        }
        return plain(failure, chain);
    }

    /** Thrown from inside the JDK's TLS socket. */
    private static boolean inTls(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("sun.security.ssl.")) {
                return true;
            }
        }
        return false;
    }

    private static String advice(String alert) {
        return switch (alert.toLowerCase(Locale.ROOT)) {
            case "bad_certificate", "certificate_required", "certificate_unknown", "unknown_ca", "access_denied",
                 "certificate_expired", "certificate_revoked", "unsupported_certificate" ->
                    ": it wants a client certificate it trusts, valid now (the *_TLS_CERT and *_TLS_KEY settings)";
            case "handshake_failure", "protocol_version", "insufficient_security" ->
                    ": no TLS version or cipher in common";
            default -> "";
        };
    }

    /** The outermost meaningful message: wrappers that only say "Untranslated ..." or nothing are skipped. */
    private static String plain(Throwable failure, List<Throwable> chain) {
        for (Throwable t : chain) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.startsWith("Untranslated")
                    && !message.equals(String.valueOf(t.getCause()))) {
                return message;
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 20 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
