package org.jesdb.launcher;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The PKCS12 file whose key entry {@code alias} the HTTPS listener serves, checked to open with
 * {@code password}. {@code origin} says where it came from, for the log.
 */
record ServedKeyStore(Path file, String password, String alias, X509Certificate certificate, String origin) {

    /** What a user compares or pins: the SHA-256 of the certificate, as {@code keytool -list} and browsers show it. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("every JDK has SHA-256, and a loaded certificate encodes", e);
        }
    }

    @Override
    public String toString() {
        // No password here: this is what goes to the log.
        return String.format(Locale.ROOT, "keystore=%s alias=%s origin=%s subject=\"%s\" notAfter=%s sha256=%s",
                file, alias, origin, certificate.getSubjectX500Principal().getName(),
                certificate.getNotAfter().toInstant(), fingerprint());
    }
}
