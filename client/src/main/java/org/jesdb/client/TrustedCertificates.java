package org.jesdb.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS contexts the client's builder offers for https:// nodes: one that trusts only the
 * certificates of a file (a node's own {@code data/tls/node.crt}, or a private CA), or only those
 * of a trust store. Either replaces the JDK's default authorities; host names are still checked.
 */
final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /** Trusts the certificates of {@code file}: PEM (one or several) or DER. */
    static SSLContext fromCertificateFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + file);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("trusted-" + n++, certificate);
            }
            return context(trusted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the certificate file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " holds no certificate the client can read: " + e.getMessage(), e);
        }
    }

    /** Trusts the certificates of a PKCS12 or JKS trust store. */
    static SSLContext fromTrustStore(Path file, char[] password) {
        try {
            return context(KeyStore.getInstance(file.toFile(), password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the trust store " + file + " (is the password right?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
