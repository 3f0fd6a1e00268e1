package org.jesdb.client;

/** What a nack asks for: deliver again later (with backoff), park the event, or skip it. */
public enum NackAction {
    RETRY, PARK, SKIP;

    String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
