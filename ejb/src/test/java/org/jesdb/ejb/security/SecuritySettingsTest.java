package org.jesdb.ejb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

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
    void offByDefaultWithAnHourForATokenAndNoPassword() {
        SecuritySettings settings = SecuritySettings.from(configOf(Map.of()));

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.adminPassword()).isEmpty();
        assertThat(settings.tokenLife()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void onWithAPasswordThatNeverShowsInToString() {
        SecuritySettings settings = SecuritySettings.from(configOf(Map.of("jesdb.security", " ON ",
                "jesdb.admin.password", "a long admin passphrase", "jesdb.token.seconds", "600")));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.adminPassword()).contains("a long admin passphrase");
        assertThat(settings.tokenLife()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.toString()).doesNotContain("passphrase").contains("(set)");
    }

    @Test
    void wrongValuesNameTheSetting() {
        assertThatThrownBy(() -> SecuritySettings.from(configOf(Map.of("jesdb.security", "yes"))))
                .hasMessageContaining("JESDB_SECURITY");
        assertThatThrownBy(() -> SecuritySettings.from(configOf(Map.of("jesdb.admin.password", "short"))))
                .hasMessageContaining("JESDB_ADMIN_PASSWORD").hasMessageNotContaining("short");
        assertThatThrownBy(() -> SecuritySettings.from(configOf(Map.of("jesdb.token.seconds", "59"))))
                .hasMessageContaining("JESDB_TOKEN_SECONDS");
        assertThatThrownBy(() -> SecuritySettings.from(configOf(Map.of("jesdb.token.seconds", "soon"))))
                .hasMessageContaining("JESDB_TOKEN_SECONDS");
    }
}
