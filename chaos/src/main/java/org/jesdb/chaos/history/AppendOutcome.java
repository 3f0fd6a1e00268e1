package org.jesdb.chaos.history;

/** What a client learned of one append. */
public enum AppendOutcome {
    /** Answered 200: the events are in the log, at the versions the answer gave. */
    ACKNOWLEDGED,
    /** Answered 4xx (a wrong expected version, say): nothing was written. */
    REFUSED,
    /** No answer, a timeout or a 5xx: the batch is in the log whole, or not at all. */
    UNKNOWN
}
