package org.jesdb.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The node's own self-signed certificate, for local use: made at the first start in
 * {@code <JESDB_DATA_DIR>/tls}, served again on every later start, so that a client that trusted
 * it once ({@code node.crt}) keeps trusting it. It is made again only when it is about to expire,
 * cannot be read, or does not name a host that {@code JESDB_TLS_HOSTNAMES} now lists.
 */
final class GeneratedKeyStore {
    static final String KEYSTORE_FILE = "node.p12";
    static final String PASSWORD_FILE = "node.password";
    static final String CERTIFICATE_FILE = "node.crt";
    static final String ALIAS = "jesdb";
    /** The names every generated certificate holds: the listener binds loopback by default. */
    static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1");

    /** Long, because users pin this certificate and a new one breaks them; it is renewed before it ends. */
    private static final int VALIDITY_DAYS = 3650;
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(GeneratedKeyStore.class.getName());

    private final Path folder;
    private final Keytool keytool;
    private final Clock clock;

    GeneratedKeyStore(Path folder, Keytool keytool, Clock clock) {
        this.folder = folder;
        this.keytool = keytool;
        this.clock = clock;
    }

    ServedKeyStore loadOrCreate(List<String> hostNames) {
        Set<String> names = new LinkedHashSet<>(LOCAL_NAMES);
        names.addAll(hostNames);
        String reason;
        try {
            Optional<ServedKeyStore> existing = existing();
            if (existing.isEmpty()) {
                return createOrStop(names, "generated");
            }
            reason = whyNotReusable(existing.get().certificate(), names);
            if (reason == null) {
                return existing.get();
            }
        } catch (IOException | GeneralSecurityException e) {
            reason = "the one in " + folder + " cannot be read (" + e.getMessage() + ")";
        }
        LOG.warning("jesdb tls: making a new self-signed certificate: " + reason + "; clients that trusted the old one "
                + "must trust the new " + folder.resolve(CERTIFICATE_FILE));
        return createOrStop(names, "regenerated");
    }

    private ServedKeyStore createOrStop(Set<String> names, String origin) {
        try {
            return create(names, origin);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("cannot make the HTTPS certificate in " + folder + " (" + e.getMessage()
                    + "); check that " + TlsSettings.DATA_DIR.variable() + " is a folder this user may write", e);
        }
    }

    private Optional<ServedKeyStore> existing() throws IOException, GeneralSecurityException {
        Path file = folder.resolve(KEYSTORE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String password = Files.readString(folder.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).trim();
        return Optional.of(new ServedKeyStore(file, password, ALIAS, certificate(file, password), "reused"));
    }

    private String whyNotReusable(X509Certificate certificate, Set<String> names) throws CertificateParsingException {
        Instant renewal = certificate.getNotAfter().toInstant().minus(RENEW_BEFORE);
        if (!clock.instant().isBefore(renewal)) {
            return "the old one expires at " + certificate.getNotAfter().toInstant();
        }
        List<String> held = subjectAlternativeNames(certificate);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!held.contains(canonical(name))) {
                missing.add(name);
            }
        }
        return missing.isEmpty() ? null : "the old one does not name " + missing;
    }

    private ServedKeyStore create(Set<String> names, String origin) throws IOException, GeneralSecurityException {
        OwnerOnlyFiles.createFolder(folder);
        String password = randomPassword();
        Path next = folder.resolve(KEYSTORE_FILE + ".new");
        Files.deleteIfExists(next);
        String commonName = names.stream().filter(name -> !TlsSettings.isIpAddress(name) && !LOCAL_NAMES.contains(name))
                .findFirst().orElse("localhost");
        keytool.generateKeyPair(next, password, ALIAS, "CN=" + commonName + ", O=JESDB node", sanExtension(names),
                VALIDITY_DAYS);
        OwnerOnlyFiles.restrict(next);
        X509Certificate certificate = certificate(next, password);
        // The password goes first: a crash before the key store's move leaves an old store whose
        // password no longer matches, which the next start treats as unreadable and replaces.
        OwnerOnlyFiles.writeAtomically(folder.resolve(PASSWORD_FILE), password);
        OwnerOnlyFiles.writeAtomically(folder.resolve(CERTIFICATE_FILE), Pem.certificate(certificate));
        Path file = folder.resolve(KEYSTORE_FILE);
        OwnerOnlyFiles.moveAtomically(next, file);
        return new ServedKeyStore(file, password, ALIAS, certificate, origin);
    }

    private static X509Certificate certificate(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate) || !store.isKeyEntry(ALIAS)) {
            throw new GeneralSecurityException(file + " has no key '" + ALIAS + "'");
        }
        return certificate;
    }

    private static String sanExtension(Set<String> names) {
        List<String> entries = new ArrayList<>();
        for (String name : names) {
            entries.add((TlsSettings.isIpAddress(name) ? "ip:" : "dns:") + name);
        }
        return String.join(",", entries);
    }

    /** The certificate's DNS names and IP addresses, in lower case. */
    static List<String> subjectAlternativeNames(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                names.add(canonical(String.valueOf(entry.get(1))));
            }
        }
        return names;
    }

    /** One spelling per name: lower case, and IPv6 addresses as Java writes them ("::1" is "0:0:0:0:0:0:0:1"). */
    private static String canonical(String name) {
        if (TlsSettings.isIpAddress(name)) {
            try {
                // a literal address: no name lookup happens
                return InetAddress.getByName(name).getHostAddress();
            } catch (UnknownHostException notAnAddress) {
                return name;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
