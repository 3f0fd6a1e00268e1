package org.jesdb.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every body the parser cannot take is the client's mistake: a 400 naming the body, never a 500. */
class JsonBodyTest {

    private static Object parse(String body) {
        return JsonBody.parseObject(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 10_000);
    }

    @Test
    void anObjectIsRead() {
        assertThat(JsonBody.parseObject(new ByteArrayInputStream("{\"n\":1e3}".getBytes(StandardCharsets.UTF_8)), 100)
                .getJsonNumber("n").intValue()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"n\":1e9999999999}", "{\"n\":-1e-99999999999999999999}", "{\"n\":1.5e2147483648}",
            "{\"n\":1}{", "{\"n\":", "[1]", "\"text\"", "", " \n ", "{\"n\":NaN}"})
    void malformedOrOutOfRangeIsInvalidInputOfTheBody(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("body"));
    }

    @Test
    void aNumberOfThousandsOfDigitsIsInvalidInput() {
        assertThatThrownBy(() -> parse("{\"n\":" + "7".repeat(2_000) + "}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void aNumberTakenIsReadBackFromTheTextItIsStoredAs() {
        // a number is stored as the JSON text written again, which may be longer than what was sent
        for (String number : List.of("9".repeat(995) + "e1", "-1" + "2".repeat(990) + "e-1000", "0.00000" + "3".repeat(993))) {
            JsonObject taken = JsonBody.parseObject(new ByteArrayInputStream(("{\"n\":" + number + "}")
                    .getBytes(StandardCharsets.UTF_8)), 10_000);
            String stored = taken.toString();
            assertThat(Json.createReader(new StringReader(stored)).readObject().getJsonNumber("n").bigDecimalValue())
                    .as(number).isEqualByComparingTo(new BigDecimal(number));
        }
        assertThatThrownBy(() -> parse("{\"n\":" + "9".repeat(1_098) + "e1}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void nestingDeeperThanTheParsersLimitIsInvalidInput() {
        assertThatThrownBy(() -> parse("{\"n\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nested too deeply");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> JsonBody.parseObject(new ByteArrayInputStream(new byte[101]), 100))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        assertThatThrownBy(() -> JsonBody.parseObject(new ByteArrayInputStream(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}), 100))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("UTF-8");
    }
}
