package io.envmon.model.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files with the JDK alone: X.509 certificates ({@code CERTIFICATE}) and unencrypted private keys, PKCS#8
 * ({@code PRIVATE KEY}: RSA, EC, Ed25519) or PKCS#1 ({@code RSA PRIVATE KEY}, what OpenSSL 1.1's {@code genrsa} writes).
 * Every failure is a {@link PemException} whose message says what is wrong with which file, for the caller to prefix
 * with the setting's name (docs/configuration.md, "TLS").
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String CONVERT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8";

    private PemFiles() {
    }

    /**
     * @return the certificates of every {@code CERTIFICATE} block, in file order (at least one)
     * @throws PemException when the file is missing or unreadable, holds no certificate block, or a block is not a
     *                      valid X.509 certificate
     */
    public static List<X509Certificate> certificates(Path file) throws PemException {
        List<byte[]> blocks = blocks(file, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new PemException("file '" + file + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new PemException("file '" + file + "': certificate " + (certificates.size() + 1)
                    + " is not a valid X.509 certificate (" + e.getMessage() + ")");
        }
        return certificates;
    }

    /**
     * @return the first private key of the file
     * @throws PemException when the file is missing or unreadable, holds no unencrypted private key, or the key cannot
     *                      be decoded
     */
    public static PrivateKey privateKey(Path file) throws PemException {
        String text = read(file);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String label = m.group(1);
            switch (label) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, decode(file, m.group(2)));
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(file, Pkcs1.toPkcs8(decode(file, m.group(2))));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new PemException("file '" + file
                        + "' holds an encrypted private key; envmon needs it unencrypted (readable only by the "
                        + "service's user): " + CONVERT);
                case "EC PRIVATE KEY" -> throw new PemException("file '" + file + "' holds an EC key in the SEC 1 "
                        + "format (BEGIN EC PRIVATE KEY); envmon reads PKCS#8 (BEGIN PRIVATE KEY): " + CONVERT);
                default -> {
                    // certificates or parameters next to the key: skip them
                }
            }
        }
        throw new PemException("file '" + file + "' holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /**
     * Checks that {@code key} belongs to {@code certificate} by signing a random challenge with the key and verifying
     * it with the certificate's public key.
     *
     * @throws PemException when they are not a pair
     */
    public static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile)
            throws PemException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return; // a rare algorithm: the TLS handshake will tell
        }
        String mismatch = "the private key in '" + keyFile + "' does not belong to the certificate in '" + certFile
                + "' (" + certificate.getSubjectX500Principal().getName() + ")";
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())
                && !(algorithm.equals("Ed25519") && certificate.getPublicKey().getAlgorithm().startsWith("Ed"))) {
            throw new PemException(mismatch + ": a " + key.getAlgorithm() + " key for a "
                    + certificate.getPublicKey().getAlgorithm() + " certificate");
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw new PemException(mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw new PemException(mismatch + " (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws PemException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new PemException("file '" + file + "': the private key is not an RSA, EC or Ed25519 key in PKCS#8");
    }

    private static List<byte[]> blocks(Path file, String label) throws PemException {
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(read(file));
        while (m.find()) {
            if (m.group(1).equals(label)) {
                blocks.add(decode(file, m.group(2)));
            }
        }
        return blocks;
    }

    private static byte[] decode(Path file, String base64) throws PemException {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new PemException("file '" + file + "' has a PEM block that is not valid base64");
        }
    }

    private static String read(Path file) throws PemException {
        try {
            // ISO-8859-1 never fails on binary (DER) content; PEM is ASCII
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new PemException("file '" + file.toAbsolutePath() + "' does not exist");
        } catch (AccessDeniedException e) {
            throw new PemException("file '" + file.toAbsolutePath() + "' is not readable by this user");
        } catch (IOException e) {
            throw new PemException("file '" + file.toAbsolutePath() + "' cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo, which the JDK's KeyFactory reads. */
    private static final class Pkcs1 {

        /** AlgorithmIdentifier { rsaEncryption, NULL }. */
        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

        static byte[] toPkcs8(byte[] pkcs1) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
            body.writeBytes(RSA_ALGORITHM);
            body.writeBytes(tlv(0x04, pkcs1));
            return tlv(0x30, body.toByteArray());
        }

        private static byte[] tlv(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int n = value.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(0x83);
                out.write(n >> 16);
                out.write(n >> 8);
                out.write(n);
            }
            out.writeBytes(value);
            return out.toByteArray();
        }
    }
}
