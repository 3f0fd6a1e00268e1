package org.jesdb.chaos.history;

import java.util.List;

/**
 * The checker's judgement: the violations found (none means the history is valid) and what
 * was checked.
 */
public record Verdict(List<String> violations, int acknowledged, int refused, int unknown, int reads, int events,
                      int nodes) {

    public Verdict {
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** The calls the history holds: appends, whatever their outcome, and reads. */
    public int operations() {
        return acknowledged + refused + unknown + reads;
    }

    /** One paragraph for a person: PASS or FAIL, the counts, and the first violations. */
    public String describe() {
        String counts = operations() + " operations: " + acknowledged + " acknowledged appends, " + unknown + " with an unknown outcome, " + refused
                + " refused, " + reads + " reads; " + nodes + " nodes hold " + events + " events";
        if (valid()) {
            return "PASS: " + counts + ", the same on every node: no loss, no duplicate, contiguous versions";
        }
        StringBuilder text = new StringBuilder("FAIL: " + violations.size() + " violations (" + counts + ")");
        violations.stream().limit(20).forEach(violation -> text.append("\n  - ").append(violation));
        if (violations.size() > 20) {
            text.append("\n  ... and ").append(violations.size() - 20).append(" more");
        }
        return text.toString();
    }
}
