package org.jesdb.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    private static TlsSettings from(Map<String, String> properties, Map<String, String> environment) {
        return TlsSettings.from(properties::get, environment::get);
    }

    @Test
    void withoutSettingsTheCertificateIsGeneratedInTheDefaultDataFolder() {
        TlsSettings settings = from(Map.of(), Map.of());
        assertThat(settings.keyStore()).isEmpty();
        assertThat(settings.hostNames()).isEmpty();
        assertThat(settings.generatedDir()).isEqualTo(Path.of("data", "tls").toAbsolutePath());
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentVariable() {
        TlsSettings settings = from(Map.of("jesdb.data.dir", "/from/property"), Map.of("JESDB_DATA_DIR", "/from/env"));
        assertThat(settings.dataDir()).isEqualTo(Path.of("/from/property"));
    }

    @Test
    void hostNamesAreCommaSeparatedNamesOrAddresses() {
        TlsSettings settings = from(Map.of(), Map.of("JESDB_TLS_HOSTNAMES", " db.example.com, 10.0.0.7 ,::1,node-2"));
        assertThat(settings.hostNames()).containsExactly("db.example.com", "10.0.0.7", "::1", "node-2");
    }

    @Test
    void aHostNameThatIsNeitherANameNorAnAddressIsRefusedByName() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("JESDB_TLS_HOSTNAMES", "db.example.com,bad name")))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("JESDB_TLS_HOSTNAMES").hasMessageContaining("'bad name'");
    }

    @Test
    void aKeystoreNeedsItsPassword() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("JESDB_TLS_KEYSTORE", "/etc/jesdb/node.p12")))
                .isInstanceOf(TlsSetupException.class).hasMessageStartingWith("JESDB_TLS_KEYSTORE_PASSWORD must be set");
    }

    @Test
    void aPasswordOrAliasWithoutAKeystoreIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("JESDB_TLS_KEYSTORE_PASSWORD", "secret")))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining("JESDB_TLS_KEYSTORE is not");
        assertThatThrownBy(() -> from(Map.of("jesdb.tls.key.alias", "node"), Map.of()))
                .isInstanceOf(TlsSetupException.class).hasMessageStartingWith("JESDB_TLS_KEY_ALIAS is set");
    }
}
