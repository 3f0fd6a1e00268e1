package org.jesdb.store.security;

import java.util.List;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.Names;

/**
 * The names of users and roles, and the entries of a grant: a user's name, {@code role:<name>}
 * for everyone holding a role, or {@value #EVERYONE} for every signed-in user.
 */
public final class Principals {
    public static final String EVERYONE = "*";
    public static final String ROLE_PREFIX = "role:";
    /** Most entries in one grant. */
    public static final int MAX_GRANTEES = 100;

    private Principals() {
    }

    /**
     * Checks a user or role name: a path segment of the API ({@link Names#requireUrlSafe}) without
     * {@code :}, which would make it look like a grant entry.
     */
    public static String requireName(String field, String name) {
        Names.requireUrlSafe(field, name);
        if (name.indexOf(':') >= 0) {
            throw new InvalidInputException(field, "must not contain ':'");
        }
        return name;
    }

    /** Checks the entries of one grant and returns them as an unmodifiable list. */
    public static List<String> requireGrantees(String field, List<String> entries) {
        if (entries == null) {
            throw new InvalidInputException(field, "must be present");
        }
        if (entries.size() > MAX_GRANTEES) {
            throw new InvalidInputException(field, "may name at most " + MAX_GRANTEES + " users and roles, named "
                    + entries.size());
        }
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null) {
                throw new InvalidInputException(field + "[" + i + "]", "must be present");
            }
            if (!EVERYONE.equals(entry)) {
                requireName(field + "[" + i + "]", entry.startsWith(ROLE_PREFIX) ? entry.substring(ROLE_PREFIX.length()) : entry);
            }
        }
        return List.copyOf(entries);
    }

    /** Whether {@code caller} is one of {@code entries}. */
    static boolean includes(List<String> entries, Caller caller) {
        for (String entry : entries) {
            if (EVERYONE.equals(entry) || entry.equals(caller.name())
                    || entry.startsWith(ROLE_PREFIX) && caller.roles().contains(entry.substring(ROLE_PREFIX.length()))) {
                return true;
            }
        }
        return false;
    }
}
