package org.jesdb.web.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.jesdb.store.security.AccessDeniedException;
import org.jesdb.store.security.Right;
import org.jesdb.store.security.UserExistsException;
import org.jesdb.store.security.UserNotFoundException;
import org.junit.jupiter.api.Test;

class StoreExceptionMapperTest {
    @Test
    void securityErrorsAreProblemsThatNameWhatWasRefused() {
        var denied = StoreExceptionMapper.problemFor(new AccessDeniedException("bob", "order-7", Right.WRITE)).toJson();
        assertThat(denied.getInt("status")).isEqualTo(403);
        assertThat(denied.getString("type")).endsWith(":access-denied");
        assertThat(denied.getString("stream")).isEqualTo("order-7");
        assertThat(denied.getString("right")).isEqualTo("write");

        assertThat(StoreExceptionMapper.problemFor(new UserNotFoundException("carol")).status()).isEqualTo(404);
        assertThat(StoreExceptionMapper.problemFor(new UserExistsException("carol")).toJson().getString("user"))
                .isEqualTo("carol");
    }
}
