package org.jesdb.ejb.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The certificate this node's HTTPS listener serves, as the jar's launcher chose it (launcher/
 * NodeLauncher hands the keystore to domain.xml's https-listener through the system properties
 * read here). A member publishes its fingerprint beside its HTTPS URL, signed with the cluster
 * secret, so that a gateway can trust exactly that certificate, self-signed or not.
 */
public final class ServedCertificate {
    /** The launcher's names (launcher/ does not depend on this module, so they are repeated). */
    static final String KEYSTORE = "jesdb.https.keystore";
    static final String PASSWORD = "jesdb.https.keystore.password";
    static final String ALIAS = "jesdb.https.key.alias";

    private static final Logger LOG = Logger.getLogger(ServedCertificate.class.getName());

    private ServedCertificate() {
    }

    /**
     * The SHA-256 fingerprint of the served certificate; empty when the node was not started by
     * the launcher (the WAR on another server, whose HTTPS this node does not know).
     */
    public static Optional<String> fingerprint() {
        String file = System.getProperty(KEYSTORE, "");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, System.getProperty(PASSWORD, "").toCharArray());
            Certificate certificate = keyStore.getCertificate(System.getProperty(ALIAS, ""));
            return certificate instanceof X509Certificate x509 ? Optional.of(fingerprint(x509)) : Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            // The launcher opened the same file moments ago: this is a file changed under the node.
            LOG.log(Level.WARNING, "cannot read the HTTPS certificate in " + file + "; gateways will not pin it", e);
            return Optional.empty();
        }
    }

    /** As the launcher logs it and {@code keytool -printcert} shows it: upper-case hex pairs joined by colons. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256, and a loaded certificate encodes", e);
        }
    }
}
