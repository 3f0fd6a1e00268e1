package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The API's problem documents become the typed errors a caller can catch. */
class TransportErrorsTest {

    private static JesdbException error(int status, String json) {
        return Transport.error(status, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongExpectedVersionCarriesTheActualOne() {
        JesdbException error = error(409, "{\"type\":\"urn:jesdb:problem:wrong-expected-version\",\"status\":409,"
                + "\"detail\":\"expected 3\",\"stream\":\"s\",\"expectedVersion\":\"3\",\"actualVersion\":7}");
        assertThat(error).isInstanceOfSatisfying(Errors.WrongExpectedVersion.class, e -> {
            assertThat(e.actualVersion()).isEqualTo(7);
            assertThat(e.getMessage()).isEqualTo("expected 3");
        });
    }

    @Test
    void eachStatusHasItsType() {
        assertThat(error(410, "{\"type\":\"urn:jesdb:problem:stream-deleted\",\"detail\":\"gone\"}"))
                .isInstanceOf(Errors.StreamDeleted.class);
        assertThat(error(404, "{\"type\":\"urn:jesdb:problem:stream-not-found\",\"detail\":\"no\"}"))
                .isInstanceOf(Errors.StreamNotFound.class).isInstanceOf(Errors.NotFound.class);
        assertThat(error(404, "{\"type\":\"urn:jesdb:problem:snapshot-not-found\",\"detail\":\"no\"}"))
                .isExactlyInstanceOf(Errors.NotFound.class);
        assertThat(error(400, "{\"type\":\"urn:jesdb:problem:invalid-input\",\"detail\":\"bad\",\"field\":\"events[0].type\"}"))
                .isInstanceOfSatisfying(Errors.InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("events[0].type"));
        assertThat(error(401, "{\"type\":\"urn:jesdb:problem:unauthorized\",\"detail\":\"who?\"}"))
                .isInstanceOf(Errors.Unauthorized.class);
        assertThat(error(504, "{\"type\":\"urn:jesdb:problem:timeout\",\"detail\":\"slow\"}"))
                .isInstanceOfSatisfying(Errors.Timeout.class, e -> assertThat(e.status()).isEqualTo(504));
        assertThat(error(503, "{\"type\":\"urn:jesdb:problem:unavailable\",\"detail\":\"no leader\"}"))
                .isInstanceOfSatisfying(Errors.NoNodeAvailable.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aBodyThatIsNotAProblemStillGivesTheStatus() {
        JesdbException error = error(502, "<html>bad gateway</html>");
        assertThat(error.status()).isEqualTo(502);
        assertThat(error.type()).isEqualTo("http-502");
    }
}
