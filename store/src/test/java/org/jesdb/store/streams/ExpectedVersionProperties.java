package org.jesdb.store.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotBlank;
import org.jesdb.store.InvalidInputException;

class ExpectedVersionProperties {

    @Property
    void anyAcceptsEveryState(@ForAll @LongRange(min = -1) long actual) {
        assertThat(ExpectedVersion.any().accepts(actual)).isTrue();
    }

    @Property
    void noStreamAcceptsOnlyAStreamWithoutEvents(@ForAll @LongRange(min = -1) long actual) {
        assertThat(ExpectedVersion.noStream().accepts(actual)).isEqualTo(actual == -1);
    }

    @Property
    void streamExistsAcceptsOnlyAStreamWithEvents(@ForAll @LongRange(min = -1) long actual) {
        assertThat(ExpectedVersion.streamExists().accepts(actual)).isEqualTo(actual >= 0);
    }

    @Property
    void anExactVersionAcceptsOnlyThatVersion(@ForAll @LongRange(min = 0) long expected, @ForAll @LongRange(min = -1) long actual) {
        assertThat(ExpectedVersion.exactly(expected).accepts(actual)).isEqualTo(expected == actual);
    }

    @Property
    void theTextFormParsesBackToTheSameExpectation(@ForAll @LongRange(min = 0) long version) {
        for (ExpectedVersion expected : new ExpectedVersion[] {ExpectedVersion.any(), ExpectedVersion.noStream(),
                ExpectedVersion.streamExists(), ExpectedVersion.exactly(version)}) {
            assertThat(ExpectedVersion.parse("expectedVersion", expected.text())).isEqualTo(expected);
        }
    }

    @Example
    void nonAsciiDigitsAndSignsAreRejected() {
        for (String text : new String[] {"+5", "\u0661\u0662", " 5", "5 ", "-0", "1e3", "99999999999999999999"}) {
            assertThatThrownBy(() -> ExpectedVersion.parse("expectedVersion", text))
                    .as(text).isInstanceOf(InvalidInputException.class);
        }
    }

    @Property
    void negativeVersionsAreRejected(@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long version) {
        assertThatThrownBy(() -> ExpectedVersion.parse("expectedVersion", Long.toString(version)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("expectedVersion:");
    }

    @Property
    void wordsOtherThanTheThreeAreRejected(@ForAll @NotBlank String text) {
        boolean known = text.equals("any") || text.equals("no_stream") || text.equals("stream_exists")
                || text.chars().allMatch(c -> c >= '0' && c <= '9') && (text.length() < 19 || text.length() == 19 && text.compareTo(Long.toString(Long.MAX_VALUE)) <= 0);
        if (!known) {
            assertThatThrownBy(() -> ExpectedVersion.parse("expectedVersion", text))
                    .isInstanceOf(InvalidInputException.class);
        }
    }
}
