package org.jesdb.store;

/** A change of the group's members that cannot be made as asked; nothing changed. */
public class MembershipException extends StoreException {
    /** Why the change was refused. */
    public enum Reason {
        /** The node is not a member (or, to add it, not known to the cluster). */
        UNKNOWN_MEMBER,
        /** The node to add is a member already. */
        ALREADY_MEMBER,
        /** Removing it would leave the group without members. */
        LAST_MEMBER,
        /** A single node store has no group to change. */
        NOT_CLUSTERED,
        /** Another change went first, or the group could not agree in time; ask again. */
        NOT_APPLIED
    }

    private final String member;
    private final Reason reason;

    public MembershipException(String member, Reason reason, String message) {
        super(message);
        this.member = member;
        this.reason = reason;
    }

    public String member() {
        return member;
    }

    public Reason reason() {
        return reason;
    }
}
