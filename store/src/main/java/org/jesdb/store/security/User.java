package org.jesdb.store.security;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jesdb.store.InvalidInputException;

/**
 * A user of the store: a name, the salted slow hash of the password (made by the layer that
 * received the password, so that only the hash crosses Raft and reaches the disk), and roles.
 */
public record User(String name, String passwordHash, Set<String> roles) {
    public static final int MAX_HASH_LENGTH = 512;
    public static final int MAX_ROLES = 32;

    public User {
        Principals.requireName("name", name);
        if (passwordHash == null || passwordHash.isEmpty() || passwordHash.length() > MAX_HASH_LENGTH
                || !passwordHash.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new InvalidInputException("passwordHash", "must be 1 to " + MAX_HASH_LENGTH + " printable ASCII characters");
        }
        if (roles == null) {
            throw new InvalidInputException("roles", "must be present");
        }
        if (roles.size() > MAX_ROLES) {
            throw new InvalidInputException("roles", "may hold at most " + MAX_ROLES + " roles, held " + roles.size());
        }
        // sorted, so that every replica stores the same bytes
        TreeSet<String> sorted = new TreeSet<>();
        for (String role : roles) {
            sorted.add(Principals.requireName("roles", role));
        }
        roles = Collections.unmodifiableSortedSet(sorted);
    }

    public boolean isAdmin() {
        return roles.contains(Caller.ADMIN);
    }

    public Caller asCaller() {
        return new Caller(name, roles);
    }

    /** The roles in their stored order. */
    List<String> sortedRoles() {
        return List.copyOf(roles);
    }
}
