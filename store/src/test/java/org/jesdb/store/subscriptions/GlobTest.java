package org.jesdb.store.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jesdb.store.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' against ''{1}'' is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            user-*             | user-1            | true
            user-*             | user-             | true
            user-*             | users-1           | false
            user-*             | User-1            | false
            User*              | User              | true
            User*              | UserRegistered    | true
            User*              | user              | false
            *Placed            | OrderPlaced       | true
            *Placed            | Placed            | true
            *Placed            | OrderPlacedAgain  | false
            a?c                | abc               | true
            a?c                | ac                | false
            a?c                | abbc              | false
            *                  | anything at all   | true
            *                  | ""                | true
            **                 | ""                | true
            ?                  | ""                | false
            a*b*c              | aXXbYYc           | true
            a*b*c              | abcabc            | true
            a*b*c              | acb               | false
            *-*-*              | a-b-c             | true
            *-*-*              | a-b               | false
            order-7            | order-7           | true
            order-7            | order-77          | false
            """)
    void aPatternMatchesTheWholeText(String pattern, String text, boolean expected) {
        assertThat(Glob.compile("eventType", pattern).matches(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' against ''{1}'' is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a\\*b     | a*b    | true
            a\\*b     | aXb    | false
            a\\?c     | a?c    | true
            a\\?c     | abc    | false
            a\\\\b    | a\\b   | true
            \\x*      | x-1    | true
            x\\*      | x*     | true
            x\\*      | x*y    | false
            *\\**     | a*b    | true
            *\\**     | ab     | false
            """)
    void aBackslashMakesTheNextCharacterLiteral(String pattern, String text, boolean expected) {
        assertThat(Glob.compile("eventType", pattern).matches(text)).isEqualTo(expected);
    }

    @Test
    void aQuestionMarkMatchesOneCodePointEvenOutsideTheBasicPlane() {
        Glob glob = Glob.compile("stream", "mood-?");

        assertThat(glob.matches("mood-\uD83D\uDE00")).isTrue();
        assertThat(glob.matches("mood-\uD83D\uDE00\uD83D\uDE00")).isFalse();
        assertThat(Glob.compile("stream", "mood-\uD83D\uDE00*").matches("mood-\uD83D\uDE00!")).isTrue();
    }

    @Test
    void aPathologicalPatternFinishesWithoutExponentialBacktracking() {
        Glob glob = Glob.compile("stream", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");

        assertThat(glob.matches("a".repeat(200))).isFalse();
        assertThat(glob.matches("a".repeat(200) + "b")).isTrue();
    }

    @Test
    void onlyAPatternWithoutWildcardsIsLiteral() {
        assertThat(Glob.compile("stream", "order-7").isLiteral()).isTrue();
        assertThat(Glob.compile("stream", "order\\*7\\?").isLiteral()).isTrue();
        assertThat(Glob.compile("stream", "order-*").isLiteral()).isFalse();
        assertThat(Glob.compile("stream", "order-?").isLiteral()).isFalse();
    }

    @Test
    void globsAreEqualWhenTheirPatternsAre() {
        Glob glob = Glob.compile("stream", "user-*");

        assertThat(glob).isEqualTo(Glob.compile("other", "user-*")).hasSameHashCodeAs(Glob.compile("x", "user-*"));
        assertThat(glob).isNotEqualTo(Glob.compile("stream", "user-?"));
        assertThat(glob.pattern()).isEqualTo("user-*");
        assertThat(glob).hasToString("user-*");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEmptyPatternIsRejectedNamingTheField(String pattern) {
        assertThatThrownBy(() -> Glob.compile("eventType", pattern))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("eventType");
                    assertThat(e.reason()).contains("empty");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\", "user-\\", "a\\\\\\"})
    void aTrailingLoneBackslashIsRejected(String pattern) {
        assertThatThrownBy(() -> Glob.compile("stream", pattern))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("stream");
                    assertThat(e.reason()).contains("backslash");
                });
    }

    @Test
    void aPatternLongerThanTheLimitIsRejected() {
        assertThat(Glob.compile("stream", "a".repeat(Glob.MAX_LENGTH)).matches("a".repeat(Glob.MAX_LENGTH))).isTrue();

        assertThatThrownBy(() -> Glob.compile("stream", "a".repeat(Glob.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("stream");
                    assertThat(e.reason()).contains("at most 256");
                });
    }
}
