package org.jesdb.ejb.security;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Failed sign-ins per key (a user name, or an address) in fixed windows: a key's window opens at
 * its first failure and lasts {@code windowNanos}; once it holds {@code limit} failures the key is
 * blocked until it closes. At most {@code capacity} keys are tracked: when full, the oldest window
 * that blocks nothing is dropped (the oldest of all only when every key is blocked), so memory stays
 * bounded whatever a caller sends, and a flood of other keys does not lift a block. Times are {@link System#nanoTime()}
 * readings, compared by difference so that they may wrap.
 */
final class FailureWindows {
    private final int limit;
    private final long windowNanos;
    private final int capacity;
    /**
     * Open windows by key, in the order they opened (a key whose window reopens moves to the end):
     * as every window has the same length, the first ones are the first to close.
     */
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();
    /** Guards {@link #windows}; held only for a map step, never while a password is checked. */
    private final ReentrantLock lock = new ReentrantLock();

    private record Window(long opened, int failures) {
    }

    FailureWindows(int limit, long windowNanos, int capacity) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.capacity = capacity;
    }

    int limit() {
        return limit;
    }

    /** Nanoseconds until {@code key} may sign in again: 0 unless its window holds {@code limit} failures. */
    long blockedFor(String key, long now) {
        lock.lock();
        try {
            Window window = windows.get(key);
            if (window == null || closed(window, now) || window.failures() < limit) {
                return 0;
            }
            return window.opened() + windowNanos - now;
        } finally {
            lock.unlock();
        }
    }

    void failed(String key, long now) {
        lock.lock();
        try {
            dropClosed(now);
            Window window = windows.get(key);
            if (window != null) {
                windows.put(key, new Window(window.opened(), window.failures() + 1));
                return;
            }
            if (windows.size() >= capacity) {
                dropOldest();
            }
            windows.put(key, new Window(now, 1));
        } finally {
            lock.unlock();
        }
    }

    /** Keys tracked now, closed windows not yet dropped included. */
    int size() {
        lock.lock();
        try {
            return windows.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean closed(Window window, long now) {
        return now - window.opened() >= windowNanos;
    }

    /** Drops closed windows from the front, where they gather; stops at the first open one. */
    private void dropClosed(long now) {
        Iterator<Window> oldestFirst = windows.values().iterator();
        while (oldestFirst.hasNext() && closed(oldestFirst.next(), now)) {
            oldestFirst.remove();
        }
    }

    /** Drops the oldest window that blocks nothing, or else the oldest one. */
    private void dropOldest() {
        Iterator<Window> oldestFirst = windows.values().iterator();
        while (oldestFirst.hasNext()) {
            if (oldestFirst.next().failures() < limit) {
                oldestFirst.remove();
                return;
            }
        }
        Iterator<Window> all = windows.values().iterator();
        all.next();
        all.remove();
    }
}
