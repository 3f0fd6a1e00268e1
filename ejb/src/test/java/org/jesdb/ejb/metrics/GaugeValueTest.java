package org.jesdb.ejb.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GaugeValueTest {

    @Test
    void aReadingIsReportedAsItIs() {
        assertThat(GaugeValue.orMinusOne("g", () -> 42)).isEqualTo(42);
    }

    @Test
    void aReadingThatThrowsIsReportedAsMinusOne() {
        assertThat(GaugeValue.orMinusOne("g", () -> {
            throw new IllegalStateException("the store is closed");
        })).isEqualTo(-1);
    }
}
