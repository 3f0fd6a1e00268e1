package org.jesdb.ejb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JesdbConfigTest {

    @Test
    void noSettingsGiveAWorkingSingleNode() {
        JesdbConfig config = JesdbConfig.from(MapConfig.of(Map.of()));

        assertThat(config.storeId()).isEqualTo("default");
        assertThat(config.dbType()).isEqualTo(DbType.SINGLE);
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.timeout().toMillis()).isEqualTo(5_000);
        assertThat(config.limits().maxEventBytes()).isEqualTo(1 << 20);
    }

    @Test
    void settingsAreTaken() {
        JesdbConfig config = JesdbConfig.from(MapConfig.of(Map.of("jesdb.store.id", "orders", "jesdb.timeout", "2500",
                "jesdb.max.event.bytes", "1000", "jesdb.db.type", "Single")));

        assertThat(config.storeId()).isEqualTo("orders");
        assertThat(config.timeout().toMillis()).isEqualTo(2_500);
        assertThat(config.limits().maxEventBytes()).isEqualTo(1000);
    }

    @Test
    void aWrongValueNamesTheSetting() {
        assertThatThrownBy(() -> JesdbConfig.from(MapConfig.of(Map.of("jesdb.timeout", "soon"))))
                .hasMessageContaining("JESDB_TIMEOUT");
        assertThatThrownBy(() -> JesdbConfig.from(MapConfig.of(Map.of("jesdb.db.type", "mesh"))))
                .hasMessageContaining("JESDB_DB_TYPE");
        assertThatThrownBy(() -> JesdbConfig.from(MapConfig.of(Map.of("jesdb.max.event.bytes", "9000000"))))
                .hasMessageContaining("maxEventBytes");
    }
}
