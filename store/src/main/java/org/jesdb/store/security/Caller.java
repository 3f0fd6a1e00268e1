package org.jesdb.store.security;

import java.util.Set;

/** Who asks: a signed-in user's name and roles. The role {@value #ADMIN} may do everything. */
public record Caller(String name, Set<String> roles) {
    public static final String ADMIN = "admin";

    /**
     * Code running in this JVM (CDI consumers, the gateway, embedded use), and every request
     * while security is off: it may do everything, as an admin may, and nothing is checked for it.
     */
    public static final Caller TRUSTED = new Caller("trusted", Set.of(ADMIN));

    public Caller {
        Principals.requireName("name", name);
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
