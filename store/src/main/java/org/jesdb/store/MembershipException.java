package org.jesdb.store;

/** A change of the group's members that was not made as asked ({@link Reason#TIMED_OUT}: not known to be made). */
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
        /** The node asked is outside the group (waiting to be added, or removed): ask a member. */
        NOT_A_MEMBER,
        /** Another change went first, or the leader refused it: nothing changed; ask again. */
        NOT_APPLIED,
        /** No answer in time: the change may still be made; look at the group before asking again. */
        TIMED_OUT
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
