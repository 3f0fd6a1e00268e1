package org.jesdb.store.security;

/** What a caller may do to a stream, in the spirit of KurrentDB's stream access lists. */
public enum Right {
    /** Read its events, directly, in {@code $all} and through subscriptions. */
    READ,
    /** Append to it. */
    WRITE,
    /** Delete it. */
    DELETE,
    /** Read and change its access rules and settings. */
    METADATA
}
