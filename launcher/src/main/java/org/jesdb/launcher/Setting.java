package org.jesdb.launcher;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One JESDB setting read before Payara (and so before MicroProfile Config) starts, looked up the
 * way MicroProfile Config would find it: the {@code -D} system property {@code jesdb.tls.keystore},
 * else the environment variable {@code JESDB_TLS_KEYSTORE}.
 */
record Setting(String property) {

    /** The environment variable's name, which messages use as the README's tables do. */
    String variable() {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The value, trimmed, or "" when unset. */
    String read(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        String value = systemProperties.apply(property);
        if (value == null) {
            value = environment.apply(variable());
        }
        return value == null ? "" : value.trim();
    }
}
