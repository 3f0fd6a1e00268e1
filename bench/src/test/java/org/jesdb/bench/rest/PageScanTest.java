package org.jesdb.bench.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.jesdb.bench.targets.Page;
import org.junit.jupiter.api.Test;

class PageScanTest {

    @Test
    void countsTheEventsAndReadsTheNextPosition() {
        String body = "{\"events\":[{\"id\":\"a\",\"version\":0,\"position\":7,\"data\":{}},"
                + "{\"id\":\"b\",\"version\":1,\"position\":9,\"data\":{}}],\"next\":10}";

        Page page = PageScan.of(body.getBytes(StandardCharsets.UTF_8));

        assertThat(page).isEqualTo(new Page(2, 10L));
    }

    @Test
    void aNullNextMeansTheEnd() {
        Page page = PageScan.of("{\"events\":[],\"next\":null}".getBytes(StandardCharsets.UTF_8));

        assertThat(page).isEqualTo(new Page(0, null));
    }

    @Test
    void aBodyWithoutNextIsRefused() {
        assertThatThrownBy(() -> PageScan.of("{\"title\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("next");
    }

    @Test
    void theNodeMetricsGiveTheAppliedIndexAndTheAppendTimer() {
        String health = "{\"status\":\"UP\",\"checks\":[{\"data\":{\"role\":\"LEADER\",\"appliedIndex\":\"1234\"}}]}";
        String metrics = "# TYPE x summary\n"
                + "jesdb_request_microseconds_count{mp_scope=\"application\",operation=\"AllResource.read\"} 7.0\n"
                + "jesdb_request_microseconds_count{mp_scope=\"application\",operation=\"StreamResource.append\"} 200.0\n"
                + "jesdb_request_microseconds_sum{mp_scope=\"application\",operation=\"StreamResource.append\"} 500000.0\n";

        assertThat(NodeMetrics.appliedIndex(health)).isEqualTo(1234);
        assertThat(NodeMetrics.appendTimes(metrics)).isEqualTo(new NodeMetrics.AppendTimes(200, 500_000_000));
        assertThat(NodeMetrics.appendTimes("")).isEqualTo(NodeMetrics.AppendTimes.UNKNOWN);
    }
}
