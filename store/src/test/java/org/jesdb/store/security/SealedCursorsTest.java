package org.jesdb.store.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.jesdb.store.InvalidInputException;
import org.junit.jupiter.api.Test;

class SealedCursorsTest {
    private static final byte[] KEY = "a token key of the store, 32 b..".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POSITION = "payroll-2026\0salaries".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedPositionOpensUnderTheSameKeyAndNamesNothing() {
        String sealed = SealedCursors.seal(KEY, POSITION);

        assertThat(SealedCursors.isSealed(sealed)).isTrue();
        assertThat(sealed).doesNotContain("payroll").doesNotContain("cGF5cm9sbC").matches("\\$[A-Za-z0-9_-]+");
        assertThat(SealedCursors.open(KEY, sealed, "after")).isEqualTo(POSITION);
        assertThat(SealedCursors.seal(KEY, POSITION)).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyAChangedByteOrGarbageIsRefusedAsTheField() {
        String sealed = SealedCursors.seal(KEY, POSITION);
        char last = sealed.charAt(sealed.length() - 2);
        String changed = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        for (String cursor : new String[] {changed, "$", "$not base64!", "$AAAA", "$" + "A".repeat(40)}) {
            assertThatThrownBy(() -> SealedCursors.open(KEY, cursor, "after")).as(cursor)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("after"));
        }
        assertThatThrownBy(() -> SealedCursors.open("another key".getBytes(StandardCharsets.US_ASCII), sealed, "after"))
                .isInstanceOf(InvalidInputException.class);
    }
}
