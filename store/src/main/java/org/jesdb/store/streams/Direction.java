package org.jesdb.store.streams;

/** Which way a read walks. */
public enum Direction {
    FORWARD, BACKWARD
}
