package org.jesdb.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The settings that decide the certificate of the HTTPS listener, read once and validated before
 * Payara starts. Without {@code JESDB_TLS_KEYSTORE} the node makes its own certificate in
 * {@code <JESDB_DATA_DIR>/tls}; with it, it serves the key and certificate of that PKCS12 file.
 */
record TlsSettings(Path dataDir, List<String> hostNames, Optional<Path> keyStore, String keyStorePassword,
                   String keyAlias) {

    static final Setting DATA_DIR = new Setting("jesdb.data.dir");
    static final Setting HOST_NAMES = new Setting("jesdb.tls.hostnames");
    static final Setting KEYSTORE = new Setting("jesdb.tls.keystore");
    static final Setting KEYSTORE_PASSWORD = new Setting("jesdb.tls.keystore.password");
    static final Setting KEY_ALIAS = new Setting("jesdb.tls.key.alias");

    /** The JesdbConfig default, so that the certificate lands in the folder the store uses. */
    static final String DEFAULT_DATA_DIR = "data";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static TlsSettings from(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        String dataDir = DATA_DIR.read(systemProperties, environment);
        String keyStore = KEYSTORE.read(systemProperties, environment);
        String password = KEYSTORE_PASSWORD.read(systemProperties, environment);
        String alias = KEY_ALIAS.read(systemProperties, environment);
        if (keyStore.isEmpty() && !(password.isEmpty() && alias.isEmpty())) {
            // Most likely a misspelt JESDB_TLS_KEYSTORE: serving the generated certificate instead
            // of the one the operator meant would go unnoticed until a client refuses it.
            throw new TlsSetupException((password.isEmpty() ? KEY_ALIAS : KEYSTORE_PASSWORD).variable()
                    + " is set but " + KEYSTORE.variable() + " is not; set it to the PKCS12 file to serve");
        }
        if (!keyStore.isEmpty() && password.isEmpty()) {
            throw new TlsSetupException(KEYSTORE_PASSWORD.variable() + " must be set with " + KEYSTORE.variable()
                    + " (the password of '" + keyStore + "')");
        }
        return new TlsSettings(
                Path.of(dataDir.isEmpty() ? DEFAULT_DATA_DIR : dataDir).toAbsolutePath(),
                hostNames(HOST_NAMES.read(systemProperties, environment)),
                keyStore.isEmpty() ? Optional.empty() : Optional.of(Path.of(keyStore).toAbsolutePath()),
                password,
                alias);
    }

    /** Where a generated certificate is kept, beside the stores' folders. */
    Path generatedDir() {
        return dataDir.resolve("tls");
    }

    private static List<String> hostNames(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!isHostName(trimmed) && !isIpAddress(trimmed)) {
                throw new TlsSetupException(HOST_NAMES.variable() + " must be host names or IP addresses separated by "
                        + "commas, was '" + value + "' ('" + trimmed + "' is neither)");
            }
            names.add(trimmed);
        }
        return List.copyOf(names);
    }

    static boolean isIpAddress(String name) {
        return IPV4.matcher(name).matches() || name.contains(":") && name.matches("[0-9A-Fa-f:.]+");
    }

    private static boolean isHostName(String name) {
        if (name.length() > 253 || IPV4.matcher(name).matches()) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
