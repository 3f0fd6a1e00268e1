package org.jesdb.bench.rest;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The admin a benchmark's nodes start with (JESDB_ADMIN_PASSWORD) and every request signs in as:
 * security is on by default, so the figures include what a real client pays, HTTP Basic on each
 * request (the node remembers a verified password for 10 minutes, so only the first pays the
 * slow hash). A new random password per target; it never appears in {@link #toString()}.
 */
public record AdminCredentials(String user, String password) {
    public static AdminCredentials random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new AdminCredentials("admin", HexFormat.of().formatHex(bytes));
    }

    /** The Authorization header's value. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminCredentials[user=" + user + ", password=(hidden)]";
    }
}
