package org.jesdb.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real certificate: the PKCS12 file of {@code JESDB_TLS_KEYSTORE}, opened here once so that a
 * wrong path, password or alias stops the start with a message naming the setting, rather than
 * leaving Payara with a listener that serves nothing.
 */
final class SuppliedKeyStore {
    private SuppliedKeyStore() {
    }

    static ServedKeyStore open(TlsSettings settings) {
        Path file = settings.keyStore().orElseThrow();
        String keyStoreName = TlsSettings.KEYSTORE.variable();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TlsSetupException(keyStoreName + ": no readable file '" + file + "'");
        }
        char[] password = settings.keyStorePassword().toCharArray();
        KeyStore store = load(file, password);
        String alias = settings.keyAlias().isEmpty() ? onlyKeyEntry(store, file) : settings.keyAlias();
        checkKeyEntry(store, file, alias, password);
        try {
            return new ServedKeyStore(file, settings.keyStorePassword(), alias,
                    (X509Certificate) store.getCertificate(alias), "supplied");
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(keyStoreName + ": '" + file + "' has no certificate for '" + alias + "'", e);
        }
    }

    private static KeyStore load(Path file, char[] password) {
        try {
            // PKCS12 only: it is the type the listener is configured for (key-store-type in domain.xml).
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsSetupException(TlsSettings.KEYSTORE_PASSWORD.variable() + " does not open "
                        + TlsSettings.KEYSTORE.variable() + " '" + file + "' (wrong password)", e);
            }
            throw new TlsSetupException(TlsSettings.KEYSTORE.variable() + ": '" + file + "' is not a PKCS12 keystore "
                    + "that " + TlsSettings.KEYSTORE_PASSWORD.variable() + " opens (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(TlsSettings.KEYSTORE.variable() + ": '" + file + "' cannot be read as PKCS12 ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Without JESDB_TLS_KEY_ALIAS the file must hold exactly one key, or the choice would be a guess. */
    private static String onlyKeyEntry(KeyStore store, Path file) {
        List<String> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a loaded keystore lists its aliases", e);
        }
        if (keys.size() != 1) {
            throw new TlsSetupException(TlsSettings.KEY_ALIAS.variable() + " must name the key to serve: '" + file
                    + "' holds " + (keys.isEmpty() ? "no private key" : "the keys " + keys));
        }
        return keys.get(0);
    }

    private static void checkKeyEntry(KeyStore store, Path file, String alias, char[] password) {
        String aliasName = TlsSettings.KEY_ALIAS.variable();
        try {
            if (!store.isKeyEntry(alias)) {
                throw new TlsSetupException(aliasName + ": '" + file + "' has no private key named '" + alias + "'");
            }
            // The listener opens the key with the store's password, so a key with another one would fail there.
            store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw new TlsSetupException(aliasName + ": the key '" + alias + "' in '" + file + "' has another password than "
                    + TlsSettings.KEYSTORE_PASSWORD.variable() + "; give it the keystore's password", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(aliasName + ": the key '" + alias + "' in '" + file + "' cannot be read ("
                    + e.getMessage() + ")", e);
        }
    }
}
