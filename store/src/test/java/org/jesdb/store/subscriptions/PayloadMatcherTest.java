package org.jesdb.store.subscriptions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jesdb.store.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadMatcherTest {

    @ParameterizedTest(name = "{0} against {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {}                                | {}                                       | true
            {}                                | {"any":"thing"}                          | true
            {"status":"paid"}                 | {"status":"paid","total":12}             | true
            {"status":"paid"}                 | {"status":"open"}                        | false
            {"status":"paid"}                 | {"total":12}                             | false
            {"status":"paid"}                 | {"Status":"paid"}                        | false
            {"customer":{"id":7}}             | {"customer":{"id":7,"name":"Ann"}}       | true
            {"customer":{"id":7}}             | {"customer":{"name":"Ann"}}              | false
            {"customer":{"id":7}}             | {"customer":7}                           | false
            {"a":{"b":{"c":true}}}            | {"a":{"x":1,"b":{"c":true,"d":null}}}    | true
            {"a":{"b":{"c":true}}}            | {"a":{"b":{"c":false}}}                  | false
            {"customer":{}}                   | {"customer":{"id":7}}                    | true
            {"customer":{}}                   | {"customer":[]}                          | false
            {"total":1}                       | {"total":"1"}                            | false
            {"total":"1"}                     | {"total":1}                              | false
            {"total":12.5}                    | {"total":12.50}                          | true
            {"total":1}                       | {"total":1.0}                            | true
            {"total":1e2}                     | {"total":100}                            | true
            {"total":-0}                      | {"total":0.0}                            | true
            {"total":12.5}                    | {"total":12.51}                          | false
            {"flag":true}                     | {"flag":"true"}                          | false
            {"flag":false}                    | {"flag":false}                           | true
            {"note":null}                     | {"note":null}                            | true
            {"note":null}                     | {}                                       | false
            {"note":null}                     | {"note":"null"}                          | false
            {"tags":["a","b"]}                | {"tags":["a","b"]}                       | true
            {"tags":["a","b"]}                | {"tags":["b","a"]}                       | false
            {"tags":["a","b"]}                | {"tags":["a","b","c"]}                   | false
            {"tags":["a","b"]}                | {"tags":["a"]}                           | false
            {"sizes":[1,2.5]}                 | {"sizes":[1.0,2.50]}                     | true
            {"lines":[{"sku":"x","n":1}]}     | {"lines":[{"n":1.0,"sku":"x"}]}          | true
            {"lines":[{"sku":"x"}]}           | {"lines":[{"sku":"x","n":1}]}            | false
            {"lines":[[1,[2]]]}               | {"lines":[[1,[2.0]]]}                    | true
            """)
    void dataMatchesWhenItHoldsThePattern(String pattern, String data, boolean expected) {
        PayloadMatcher matcher = PayloadMatcher.of("payload", pattern);

        assertThat(matcher.matches(data.getBytes(UTF_8))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "\"x\"", "[{\"status\":\"paid\"}]", "12", "null", "nope", "{\"status\":\"paid\"} x",
            "{\"status\":\"paid\"}{}", "{\"status\":paid}", " ", "{\"n\":1e999999999999}"})
    void dataThatIsNotOneJsonObjectNeverMatches(String data) {
        PayloadMatcher matcher = PayloadMatcher.of("payload", "{}");

        assertThat(matcher.matches(data.getBytes(UTF_8))).isFalse();
    }

    @Test
    void emptyNullOrDeeplyNestedDataNeverMatches() {
        PayloadMatcher matcher = PayloadMatcher.of("payload", "{}");

        assertThat(matcher.matches(new byte[0])).isFalse();
        assertThat(matcher.matches(null)).isFalse();
        assertThat(matcher.matches(("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(UTF_8))).isFalse();
    }

    @Test
    void bytesThatAreNotUtf8NeverMatchEvenAPatternHoldingTheReplacementCharacter() {
        byte[] data = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThat(PayloadMatcher.of("payload", "{}").matches(data)).isFalse();
        assertThat(PayloadMatcher.of("payload", "{\"n\":\"\uFFFD(\"}").matches(data)).isFalse();
    }

    @Test
    void textOutsideTheAsciiRangeMatchesWhenEncodedAsUtf8() {
        PayloadMatcher matcher = PayloadMatcher.of("payload", "{\"city\":\"Zürich\",\"mood\":\"\uD83D\uDE00\"}");

        assertThat(matcher.matches("{\"city\":\"Zürich\",\"mood\":\"\uD83D\uDE00\"}".getBytes(UTF_8))).isTrue();
        assertThat(matcher.matches("{\"city\":\"Zurich\",\"mood\":\"\uD83D\uDE00\"}".getBytes(UTF_8))).isFalse();
    }

    @Test
    void thePatternIsKeptAsCompactJson() {
        PayloadMatcher matcher = PayloadMatcher.of("payload", " {\n  \"status\" : \"paid\",\n  \"lines\": [ 1, 2 ]\n} ");

        assertThat(matcher.json()).isEqualTo("{\"status\":\"paid\",\"lines\":[1,2]}");
        assertThat(matcher).hasToString(matcher.json());
    }

    @Test
    void matchersAreEqualWhenTheirPatternsHoldTheSameKeysAndValues() {
        PayloadMatcher matcher = PayloadMatcher.of("payload", "{\"a\":1,\"b\":{\"c\":true}}");

        assertThat(matcher).isEqualTo(PayloadMatcher.of("other", "{\"b\":{\"c\":true}, \"a\":1}"))
                .hasSameHashCodeAs(PayloadMatcher.of("other", "{\"b\":{\"c\":true}, \"a\":1}"));
        assertThat(matcher).isNotEqualTo(PayloadMatcher.of("payload", "{\"a\":2,\"b\":{\"c\":true}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"paid\"", "12", "true", "null"})
    void aPatternThatIsNotAnObjectIsRejectedNamingTheField(String pattern) {
        assertThatThrownBy(() -> PayloadMatcher.of("payload", pattern))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("payload");
                    assertThat(e.reason()).startsWith("must be a JSON object, was ");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "{", "{\"a\":}", "{\"a\":1} x", "{}{}", "{'a':1}", "{\"n\":1e999999999999}"})
    void aPatternThatIsNotValidJsonIsRejectedNamingTheField(String pattern) {
        assertThatThrownBy(() -> PayloadMatcher.of("payload", pattern))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("payload");
                    assertThat(e.reason()).startsWith("is not valid JSON");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void anEmptyPatternIsRejected(String pattern) {
        assertThatThrownBy(() -> PayloadMatcher.of("payload", pattern))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).contains("empty"));
        assertThatThrownBy(() -> PayloadMatcher.of("payload", null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aPatternIsLimitedTo64KibOfUtf8() {
        String atLimit = "{\"k\":\"" + "x".repeat(PayloadMatcher.MAX_BYTES - 8) + "\"}";
        // Same number of chars, but 'é' takes two bytes in UTF-8.
        String overLimitInBytes = "{\"k\":\"é" + "x".repeat(PayloadMatcher.MAX_BYTES - 9) + "\"}";

        assertThat(atLimit).hasSize(PayloadMatcher.MAX_BYTES);
        assertThat(PayloadMatcher.of("payload", atLimit).json()).isEqualTo(atLimit);
        for (String tooLong : new String[] {overLimitInBytes, atLimit + " "}) {
            assertThatThrownBy(() -> PayloadMatcher.of("payload", tooLong))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("payload");
                        assertThat(e.reason()).contains("too long");
                    });
        }
    }
}
