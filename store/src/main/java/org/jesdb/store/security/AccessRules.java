package org.jesdb.store.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.subscriptions.Glob;

/**
 * A store's stream access rules. The first rule whose pattern matches a stream's name decides
 * every right on that stream; a stream no rule matches follows {@code defaults}. Admins may do
 * everything on every stream, whatever the rules say.
 */
public record AccessRules(List<AccessRule> rules, AccessRule defaults) {
    /** Most rules a store holds. */
    public static final int MAX_RULES = 1000;

    public AccessRules {
        if (rules == null || defaults == null) {
            throw new InvalidInputException(rules == null ? "rules" : "defaults", "must be present");
        }
        if (rules.size() > MAX_RULES) {
            throw new InvalidInputException("rules", "may hold at most " + MAX_RULES + " rules, held " + rules.size());
        }
        rules = List.copyOf(rules);
    }

    /**
     * The rules of a new store: every signed-in user may read and write every stream; deleting a
     * stream and changing access rules are for admins.
     */
    public static AccessRules standard() {
        return new AccessRules(List.of(), new AccessRule(Glob.compile("streams", "*"),
                Map.of(Right.READ, List.of(Principals.EVERYONE), Right.WRITE, List.of(Principals.EVERYONE))));
    }

    /** Whether {@code caller} may do {@code right} to {@code stream}. */
    public boolean allows(Caller caller, String stream, Right right) {
        return caller.isAdmin() || ruleFor(stream).grants(caller, right);
    }

    /**
     * Whether {@code caller} may do {@code right} to every stream, existing or not: an admin, or a
     * caller the defaults and every rule grant it. What spans all streams ({@code $all}, a glob or
     * event type subscription) needs this.
     */
    public boolean allowsEverywhere(Caller caller, Right right) {
        if (caller.isAdmin()) {
            return true;
        }
        return defaults.grants(caller, right) && rules.stream().allMatch(rule -> rule.grants(caller, right));
    }

    /**
     * The streams {@code caller} may read, as a test on their names that remembers its answers:
     * a page of events names the same streams again and again, and each answer walks the rules.
     * Not for several threads at once; make one per page or batch.
     */
    public Predicate<String> readableBy(Caller caller) {
        if (caller.isAdmin()) {
            return stream -> true;
        }
        Map<String, Boolean> answers = new HashMap<>();
        return stream -> answers.computeIfAbsent(stream, name -> ruleFor(name).grants(caller, Right.READ));
    }

    private AccessRule ruleFor(String stream) {
        for (AccessRule rule : rules) {
            if (rule.streams().matches(stream)) {
                return rule;
            }
        }
        return defaults;
    }
}
