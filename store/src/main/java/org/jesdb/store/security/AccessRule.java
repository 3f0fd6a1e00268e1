package org.jesdb.store.security;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.subscriptions.Glob;

/**
 * The rights on the streams whose names match {@code streams} (a glob such as {@code order-*}):
 * for each right, who holds it (see {@link Principals}). A right not given is held by admins only.
 */
public record AccessRule(Glob streams, Map<Right, List<String>> grants) {
    public AccessRule {
        if (streams == null) {
            throw new InvalidInputException("streams", "must be present");
        }
        Map<Right, List<String>> checked = new EnumMap<>(Right.class);
        grants.forEach((right, entries) -> checked.put(right,
                Principals.requireGrantees(right.name().toLowerCase(Locale.ROOT), entries)));
        grants = Map.copyOf(checked);
    }

    /** Whether {@code caller} holds {@code right} on the streams this rule covers (admins aside). */
    boolean grants(Caller caller, Right right) {
        return Principals.includes(grants.getOrDefault(right, List.of()), caller);
    }
}
