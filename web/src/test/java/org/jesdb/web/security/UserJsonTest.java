package org.jesdb.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Set;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.security.User;
import org.junit.jupiter.api.Test;

class UserJsonTest {
    @Test
    void aUserIsReadWithItsPasswordAndAnsweredWithout() {
        UserJson.UserRequest request = UserJson.parse(json("{\"name\": \"alice\", \"password\": \"correct horse\", "
                + "\"roles\": [\"sales\", \"admin\"]}"), null);
        assertThat(request.name()).isEqualTo("alice");
        assertThat(request.roles()).hasValueSatisfying(roles -> assertThat(roles).containsExactly("sales", "admin"));
        assertThat(request.toString()).contains("alice").doesNotContain("correct horse");

        JsonObject answered = UserJson.toJson(new User("alice", "PBKDF2:x", request.roles().orElseThrow()));
        assertThat(answered.keySet()).containsExactlyInAnyOrder("name", "roles");
        assertThat(answered.toString()).doesNotContain("PBKDF2").doesNotContain("correct horse");
    }

    @Test
    void everyMistakeIsRefusedNamingItsField() {
        assertRefused("{\"name\": \"a\", \"password\": \"short\"}", null, "password");
        assertRefused("{\"name\": \"a b\", \"password\": \"long enough\"}", null, "name");
        assertRefused("{\"name\": \"a\", \"password\": \"long enough\", \"roles\": [\"ok\", \"role:x\"]}", null, "roles[1]");
        assertRefused("{\"name\": \"a\", \"password\": \"long enough\", \"admin\": true}", null, "admin");
        assertRefused("{\"name\": \"a\", \"password\": \"long enough\"}", "b", "name");
        assertRefused("{\"password\": 12345678}", "a", "password");
        assertThat(UserJson.parse(json("{\"password\": \"long enough\"}"), "bob").name()).isEqualTo("bob");
        assertThat(UserJson.parse(json("{\"password\": \"long enough\"}"), "bob").roles()).as("left as they are").isEmpty();
        assertThat(UserJson.parse(json("{\"password\": \"long enough\", \"roles\": []}"), "bob").roles()).hasValue(Set.of());
    }

    private static void assertRefused(String body, String pathName, String field) {
        assertThatThrownBy(() -> UserJson.parse(json(body), pathName)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
