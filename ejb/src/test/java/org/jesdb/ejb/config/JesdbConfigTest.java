package org.jesdb.ejb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class JesdbConfigTest {

    /** A Config that knows only the given values (the MicroProfile API has no in-memory one). */
    private static Config configOf(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        return Optional.ofNullable(values.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void noSettingsGiveAWorkingSingleNode() {
        JesdbConfig config = JesdbConfig.from(configOf(Map.of()));

        assertThat(config.storeId()).isEqualTo("default");
        assertThat(config.dbType()).isEqualTo(DbType.SINGLE);
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.timeout().toMillis()).isEqualTo(5_000);
        assertThat(config.limits().maxEventBytes()).isEqualTo(1 << 20);
    }

    @Test
    void settingsAreTaken() {
        JesdbConfig config = JesdbConfig.from(configOf(Map.of("jesdb.store.id", "orders", "jesdb.timeout", "2500",
                "jesdb.max.event.bytes", "1000", "jesdb.db.type", "Single")));

        assertThat(config.storeId()).isEqualTo("orders");
        assertThat(config.timeout().toMillis()).isEqualTo(2_500);
        assertThat(config.limits().maxEventBytes()).isEqualTo(1000);
    }

    @Test
    void aWrongValueNamesTheSetting() {
        assertThatThrownBy(() -> JesdbConfig.from(configOf(Map.of("jesdb.timeout", "soon"))))
                .hasMessageContaining("JESDB_TIMEOUT");
        assertThatThrownBy(() -> JesdbConfig.from(configOf(Map.of("jesdb.db.type", "mesh"))))
                .hasMessageContaining("JESDB_DB_TYPE");
        assertThatThrownBy(() -> JesdbConfig.from(configOf(Map.of("jesdb.max.event.bytes", "9000000"))))
                .hasMessageContaining("maxEventBytes");
    }
}
