package org.jesdb.web.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    @Test
    void aChangeFromAPageOfAnotherHostOrPortIsRefused() {
        String[][] refused = {
                {"POST", "https://evil.example", "127.0.0.1:8080"},
                {"PUT", "http://127.0.0.1:9999", "127.0.0.1:8080"},
                {"DELETE", "http://localhost:8080", "127.0.0.1:8080"},
                {"PATCH", "http://127.0.0.1", "127.0.0.1:8080"},
                {"post", "http://127.0.0.1:8080.evil.example", "127.0.0.1:8080"},
                {"POST", "null", "127.0.0.1:8080"},
                {"POST", "http://127.0.0.1:8080", null},
                {"POST", "http://127.0.0.1:8080", "evil@127.0.0.1:8080"},
                {"POST", "https://node.example", "node.example:80"},
        };
        for (String[] c : refused) {
            assertThat(SameOrigin.refuses(c[0], c[1], c[2])).as(String.join(" ", c)).isTrue();
        }
    }

    @Test
    void aChangeFromTheNodesOwnPagesOrWithoutAnOriginPasses() {
        String[][] passed = {
                {"POST", "http://127.0.0.1:8080", "127.0.0.1:8080"},
                {"DELETE", "http://NODE.example:8080", "node.example:8080"},
                {"POST", "http://node.example", "node.example"},
                {"POST", "https://node.example", "node.example"},
                {"POST", "https://node.example", "node.example:443"},
                {"PUT", "http://[::1]:8080", "[::1]:8080"},
                {"POST", null, "127.0.0.1:8080"},
                {"POST", null, null},
        };
        for (String[] c : passed) {
            assertThat(SameOrigin.refuses(c[0], c[1], c[2])).as(String.join(" ", c)).isFalse();
        }
    }

    @Test
    void readsPassFromAnyOrigin() {
        assertThat(SameOrigin.refuses("GET", "https://evil.example", "127.0.0.1:8080")).isFalse();
        assertThat(SameOrigin.refuses("HEAD", "https://evil.example", "127.0.0.1:8080")).isFalse();
        assertThat(SameOrigin.refuses("OPTIONS", "https://evil.example", "127.0.0.1:8080")).isFalse();
    }

    @Test
    void aWebSocketHandshakeIsRefusedFromAnotherOriginOnly() {
        assertThat(SameOrigin.refusesHandshake("https://evil.example", "127.0.0.1:8080")).isTrue();
        assertThat(SameOrigin.refusesHandshake("http://127.0.0.1:8080", "127.0.0.1:8080")).isFalse();
        assertThat(SameOrigin.refusesHandshake(null, "127.0.0.1:8080")).isFalse();
    }

    @Test
    void theRefusalIsAProblemNamingTheOrigin() {
        var problem = SameOrigin.problem("https://evil.example").toJson();

        assertThat(problem.getString("type")).isEqualTo("urn:jesdb:problem:cross-origin");
        assertThat(problem.getInt("status")).isEqualTo(403);
        assertThat(problem.getString("origin")).isEqualTo("https://evil.example");
    }
}
