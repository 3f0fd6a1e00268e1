package org.jesdb.store.security;

import java.util.Set;

/** Who asks: a signed-in user's name and roles. The role {@value #ADMIN} may do everything. */
public record Caller(String name, Set<String> roles) {
    public static final String ADMIN = "admin";

    public Caller {
        Principals.requireName("name", name);
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
