package org.jesdb.ejb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.jesdb.ejb.config.MapConfig;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

    @Test
    void onByDefaultWithAnHourForATokenAndNoPassword() {
        SecuritySettings settings = SecuritySettings.from(MapConfig.of(Map.of()));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.adminPassword()).isEmpty();
        assertThat(settings.tokenLife()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.connectionsPerUser()).isEqualTo(SecuritySettings.DEFAULT_CONNECTIONS_PER_USER);
        assertThat(settings.signIns()).isEqualTo(new SignInLimits(10, 30, Duration.ofMinutes(1)));
    }

    @Test
    void signInLimitsAreRead() {
        SecuritySettings settings = SecuritySettings.from(MapConfig.of(Map.of("jesdb.max.failed.sign.ins", "3",
                "jesdb.max.failed.sign.ins.per.address", " 7 ", "jesdb.sign.in.window.seconds", "10")));

        assertThat(settings.signIns()).isEqualTo(new SignInLimits(3, 7, Duration.ofSeconds(10)));
    }

    @Test
    void onWithAPasswordThatNeverShowsInToString() {
        SecuritySettings settings = SecuritySettings.from(MapConfig.of(Map.of("jesdb.security", " ON ",
                "jesdb.admin.password", "a long admin passphrase", "jesdb.token.seconds", "600",
                "jesdb.max.connections.per.user", " 3 ")));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.adminPassword()).contains("a long admin passphrase");
        assertThat(settings.tokenLife()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.connectionsPerUser()).isEqualTo(3);
        assertThat(settings.toString()).doesNotContain("passphrase").contains("(set)");
    }

    @Test
    void offOnlyWhenAskedFor() {
        assertThat(SecuritySettings.from(MapConfig.of(Map.of("jesdb.security", "off"))).enabled()).isFalse();
    }

    @Test
    void wrongValuesNameTheSetting() {
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.security", "yes"))))
                .hasMessageContaining("JESDB_SECURITY");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.admin.password", "short"))))
                .hasMessageContaining("JESDB_ADMIN_PASSWORD").hasMessageNotContaining("short");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.token.seconds", "59"))))
                .hasMessageContaining("JESDB_TOKEN_SECONDS");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.token.seconds", "soon"))))
                .hasMessageContaining("JESDB_TOKEN_SECONDS");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.max.connections.per.user", "0"))))
                .hasMessageContaining("JESDB_MAX_CONNECTIONS_PER_USER");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.max.connections.per.user", "lots"))))
                .hasMessageContaining("JESDB_MAX_CONNECTIONS_PER_USER");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.max.failed.sign.ins", "0"))))
                .hasMessageContaining("JESDB_MAX_FAILED_SIGN_INS must be between 1 and 1000");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.max.failed.sign.ins.per.address", "many"))))
                .hasMessageContaining("JESDB_MAX_FAILED_SIGN_INS_PER_ADDRESS");
        assertThatThrownBy(() -> SecuritySettings.from(MapConfig.of(Map.of("jesdb.sign.in.window.seconds", "9"))))
                .hasMessageContaining("JESDB_SIGN_IN_WINDOW_SECONDS must be between 10 and 3600");
    }
}
