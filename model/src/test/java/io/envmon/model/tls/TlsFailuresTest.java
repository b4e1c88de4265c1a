package io.envmon.model.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What the JDK throws, wrapped as Paho wraps it ("Untranslated MqttException - RC: 0"), in words. */
class TlsFailuresTest {

    /** Paho's wrapper: a message that says nothing, the cause inside. */
    private static Exception paho(Throwable cause) {
        return new Exception("Untranslated MqttException - RC: 0", cause);
    }

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void anExpiredCertificateSaysSo() {
        Throwable jdk = handshake("PKIX path validation failed: java.security.cert.CertPathValidatorException: "
                + "validity check failed", new CertPathValidatorException("validity check failed",
                new CertificateExpiredException("NotAfter: Fri Dec 04 14:45:27 UTC 2026")));
        String text = TlsFailures.describe(paho(jdk), "ENVMON_MQTT_TLS_CA");
        assertEquals("TLS: the server's certificate has expired (NotAfter: Fri Dec 04 14:45:27 UTC 2026); renew it",
                text);
    }

    @Test
    void anUntrustedCertificateNamesTheCaSetting() {
        Throwable jdk = handshake("PKIX path building failed: sun.security.provider.certpath."
                + "SunCertPathBuilderException: unable to find valid certification path to requested target", null);
        String text = TlsFailures.describe(paho(jdk), "ENVMON_INFLUX_TLS_CA");
        assertTrue(text.startsWith("TLS: the server's certificate is not signed by a CA this service trusts "
                + "(ENVMON_INFLUX_TLS_CA"), text);
    }

    @Test
    void aCertificateForAnotherHostSaysSo() {
        Throwable jdk = handshake("No subject alternative names matching IP address 127.0.0.2 found",
                new CertificateException("No subject alternative names matching IP address 127.0.0.2 found"));
        assertTrue(TlsFailures.describe(paho(jdk), "X").startsWith("TLS: the server's certificate does not name the "
                + "host of the URL"));
    }

    @Test
    void aRefusedClientCertificateSaysWhatTheServerWants() {
        String text = TlsFailures.describe(paho(new SSLHandshakeException("Received fatal alert: bad_certificate")), "X");
        assertTrue(text.startsWith("TLS: the server refused the handshake with alert 'bad_certificate': it wants a "
                + "client certificate"), text);
    }

    @Test
    void aSocketClosedInsideTlsAsksForAClientCertificate() {
        java.net.SocketException closed = new java.net.SocketException("Broken pipe");
        closed.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("sun.security.ssl.SSLSocketOutputRecord", "deliver", null, 1)});
        String text = TlsFailures.describe(paho(closed), "X");
        assertTrue(text.startsWith("TLS: the server closed the connection (Broken pipe); when every attempt ends so")
                && text.contains("client certificate"), text);
        ConnectException refused = new ConnectException("Connection refused");
        refused.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("sun.security.ssl.SSLSocketImpl", "connect", null, 1)});
        assertEquals("cannot connect (Connection refused)", TlsFailures.describe(paho(refused), "X"));
        java.net.SocketException plain = new java.net.SocketException("Broken pipe");
        plain.setStackTrace(new StackTraceElement[0]);
        assertEquals("Broken pipe", TlsFailures.describe(paho(plain), "X"));
    }

    @Test
    void aPlainPortSaysItDoesNotSpeakTls() {
        String text = TlsFailures.describe(paho(new javax.net.ssl.SSLException(
                "Unsupported or unrecognized SSL message")), "X");
        assertTrue(text.contains("does not speak TLS"), text);
    }

    @Test
    void aRefusedConnectionSaysSo() {
        assertEquals("cannot connect (Connection refused)",
                TlsFailures.describe(paho(new ConnectException("Connection refused")), "X"));
    }

    @Test
    void otherFailuresKeepTheirOwnWordsNeverUntranslated() {
        assertEquals("Not authorized", TlsFailures.describe(new Exception("Not authorized"), "X"));
        assertEquals("IllegalStateException", TlsFailures.describe(paho(new IllegalStateException()), "X"));
    }
}
