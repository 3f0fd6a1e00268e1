package org.jesdb.ejb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {

    @Test
    void defaultsLeaveRoomInTheListenersBuffer() {
        HttpLimits limits = HttpLimits.from(MapConfig.of(Map.of()));

        assertThat(limits.maxUrlBytes()).isEqualTo(HttpLimits.DEFAULT_MAX_URL_BYTES);
        assertThat(limits.maxHeaderBytes()).isEqualTo(HttpLimits.DEFAULT_MAX_HEADER_BYTES);
        assertThat(limits.maxUrlBytes() + limits.maxHeaderBytes()).isLessThan(HttpLimits.LISTENER_HEADER_BUFFER);
    }

    @Test
    void settingsAreReadAndBoundedSoThatJesdbAnswersBeforeTheListener() {
        HttpLimits limits = HttpLimits.from(MapConfig.of(Map.of("jesdb.max.url.bytes", "2048", "jesdb.max.header.bytes", "4096")));
        assertThat(limits).isEqualTo(new HttpLimits(2048, 4096));

        assertThatThrownBy(() -> HttpLimits.from(MapConfig.of(Map.of("jesdb.max.url.bytes", "20000"))))
                .hasMessageContaining("JESDB_MAX_URL_BYTES");
        assertThatThrownBy(() -> HttpLimits.from(MapConfig.of(Map.of("jesdb.max.header.bytes", "16000"))))
                .hasMessageContaining("JESDB_MAX_HEADER_BYTES");
        assertThatThrownBy(() -> HttpLimits.from(MapConfig.of(Map.of("jesdb.max.header.bytes", "big"))))
                .hasMessageContaining("JESDB_MAX_HEADER_BYTES");
    }
}
