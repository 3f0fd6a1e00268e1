package org.jesdb.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What the client sends in each request's Authorization header: a user's name and password (HTTP
 * Basic, for use over TLS), a bearer token, or nothing.
 */
record Credentials(String header) {
    static final Credentials NONE = new Credentials(null);

    static Credentials basic(String user, String password) {
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0 || password == null) {
            throw new IllegalArgumentException("a user name (without ':') and a password are needed");
        }
        return new Credentials("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static Credentials bearer(String token) {
        if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("a bearer token is printable ASCII without spaces");
        }
        return new Credentials("Bearer " + token);
    }

    /** Shows the header's kind only, never the secret. */
    @Override
    public String toString() {
        return header == null ? "none" : header.substring(0, header.indexOf(' '));
    }
}
