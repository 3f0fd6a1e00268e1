package org.jesdb.ejb.streams;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.streams.ProposedEvent;
import org.junit.jupiter.api.Test;

/** Only JSON reaches the store as JSON: reads copy it into their answers as it is. */
class JsonPayloadsTest {

    private static ProposedEvent event(String contentType, String data, String metadata) {
        return new ProposedEvent(UUID.randomUUID(), "T", contentType, data.getBytes(StandardCharsets.UTF_8),
                metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonValuesPass() {
        assertThatCode(() -> JsonPayloads.requireValid(List.of(event("application/json", "{\"a\":[1,{\"b\":null}]}", "{\"m\":1}"),
                event("application/vnd.x+json", "[1,2]", null), event("application/json", "\"text\"", null),
                event("application/json", "12.5", null), event("application/octet-stream", "not json {", "{}"))))
                .doesNotThrowAnyException();
    }

    @Test
    void anythingElseNamesItsField() {
        assertThatThrownBy(() -> JsonPayloads.requireValid(List.of(event("application/json", "{}", null),
                event("application/json", "{\"a\":", null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> org.assertj.core.api.Assertions.assertThat(e.field())
                        .isEqualTo("events[1].data"));
        assertThatThrownBy(() -> JsonPayloads.requireValid(List.of(event("application/json", "{} {}", null))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JsonPayloads.requireValid(List.of(event("application/json", "", null))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JsonPayloads.requireValid(List.of(event("application/json", "[" + "9".repeat(1_001) + "]",
                null)))).isInstanceOf(InvalidInputException.class).hasMessageContaining("number");
        assertThatCode(() -> JsonPayloads.requireValid(List.of(event("application/json", "9".repeat(1_000), null))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> JsonPayloads.requireValid(List.of(event("application/json", "{\"n\":1e9999999999}", null))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("out of range");
        // deeper than the parser's limit, as code deployed beside the store may send
        assertThatThrownBy(() -> JsonPayloads.requireValid(List.of(event("application/json", "[".repeat(2_000)
                + "]".repeat(2_000), null)))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JsonPayloads.requireValid(List.of(event("application/json", "{}", "[1]"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> org.assertj.core.api.Assertions.assertThat(e.field())
                        .isEqualTo("events[0].metadata"));
    }
}
