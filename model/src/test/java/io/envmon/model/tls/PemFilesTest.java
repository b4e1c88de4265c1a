package io.envmon.model.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.testkit.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    static TestCertificates pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        pki = TestCertificates.generate();
    }

    @Test
    void readsCertificatesWithTextAroundThemAndAChainInOrder() throws Exception {
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "Subject: the server\n"
                + Files.readString(pki.server().cert()) + "\n# the CA\n" + Files.readString(pki.caCert()));
        var certificates = PemFiles.certificates(bundle);
        assertEquals(2, certificates.size());
        assertTrue(certificates.get(1).getSubjectX500Principal().getName().contains("envmon test CA"));
    }

    @Test
    void readsRsaAndEcKeysInPkcs8AndRsaInPkcs1() throws Exception {
        PrivateKey rsa = PemFiles.privateKey(pki.server().key());
        PemFiles.checkPair(rsa, PemFiles.certificates(pki.server().cert()).get(0), pki.server().key(),
                pki.server().cert());
        PrivateKey ec = PemFiles.privateKey(pki.client().key());
        assertEquals("EC", ec.getAlgorithm());
        PemFiles.checkPair(ec, PemFiles.certificates(pki.client().cert()).get(0), pki.client().key(),
                pki.client().cert());
        Path pkcs1 = dir.resolve("pkcs1.key");
        openssl("rsa", "-in", pki.server().key().toString(), "-traditional", "-out", pkcs1.toString());
        assertTrue(Files.readString(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertEquals(rsa, PemFiles.privateKey(pkcs1));
    }

    @Test
    void aKeyOfAnotherAlgorithmOrPairDoesNotMatch() throws Exception {
        var serverCert = PemFiles.certificates(pki.server().cert()).get(0);
        PemException other = assertThrows(PemException.class, () -> PemFiles.checkPair(
                PemFiles.privateKey(pki.expiredServer().key()), serverCert, pki.expiredServer().key(),
                pki.server().cert()));
        assertTrue(other.getMessage().contains("does not belong to the certificate"), other.getMessage());
        PemException algorithm = assertThrows(PemException.class, () -> PemFiles.checkPair(
                PemFiles.privateKey(pki.client().key()), serverCert, pki.client().key(), pki.server().cert()));
        assertTrue(algorithm.getMessage().contains("a EC key for a RSA certificate"), algorithm.getMessage());
    }

    @Test
    void anEncryptedKeySaysHowToConvertIt() throws Exception {
        Path encrypted = dir.resolve("encrypted.key");
        openssl("pkcs8", "-topk8", "-in", pki.server().key().toString(), "-passout", "pass:secret",
                "-out", encrypted.toString());
        PemException e = assertThrows(PemException.class, () -> PemFiles.privateKey(encrypted));
        assertTrue(e.getMessage().contains("encrypted private key") && e.getMessage().contains("openssl pkcs8"),
                e.getMessage());
    }

    @Test
    void derIsNotPem() throws Exception {
        Path der = dir.resolve("ca.der");
        openssl("x509", "-in", pki.caCert().toString(), "-outform", "DER", "-out", der.toString());
        PemException e = assertThrows(PemException.class, () -> PemFiles.certificates(der));
        assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
    }

    @Test
    void clientTlsWantsACertificateAndItsKeyTogether() {
        PemException e = assertThrows(PemException.class,
                () -> ClientTls.load(new TlsFiles(pki.caCert(), pki.client().cert(), null)));
        assertTrue(e.getMessage().contains("needs its key"), e.getMessage());
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of("openssl"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, p.exitValue(), () -> new String(readAll(p)));
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
