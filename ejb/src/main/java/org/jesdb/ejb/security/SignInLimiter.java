package org.jesdb.ejb.security;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Limits failed password sign-ins per user name and per client address, so that a password
 * cannot be guessed at speed ({@link SignInLimits}). Ask {@link #check} before the password is
 * checked and tell {@link #failed} when it was wrong. Thread-safe; this node's counts only.
 *
 * <p>A success resets nothing: HTTP Basic signs in on every request, so a client using the right
 * password would otherwise wipe an attacker's count of that name as fast as it calls, and the
 * limit would never bite for the users who sign in most. Check and count are not one atomic step:
 * guesses already being hashed when the limit is reached still count, so a burst of parallel
 * guesses can pass the limit by up to the number of request threads, once per window.
 */
public final class SignInLimiter {
    /** Names and addresses tracked, each: a few MB at most (names are at most 256 characters). */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final FailureWindows names;
    private final FailureWindows addresses;
    private final LongSupplier nanos;

    /** @param nanos the time in nanoseconds, as {@link System#nanoTime()} tells it (tests pass their own) */
    public SignInLimiter(SignInLimits limits, int capacity, LongSupplier nanos) {
        long window = limits.window().toNanos();
        this.names = new FailureWindows(limits.perName(), window, capacity);
        this.addresses = new FailureWindows(limits.perAddress(), window, capacity);
        this.nanos = nanos;
    }

    public SignInLimiter(SignInLimits limits) {
        this(limits, DEFAULT_CAPACITY, System::nanoTime);
    }

    /**
     * Throws {@link TooManySignInsException} when {@code name} or {@code address} may not sign in
     * with a password now; the one blocked longer is named, so that Retry-After is enough.
     */
    public void check(String name, String address) {
        long now = nanos.getAsLong();
        long byName = names.blockedFor(name, now);
        long byAddress = addresses.blockedFor(address, now);
        if (byName > 0 && byName >= byAddress) {
            throw refusal(TooManySignInsException.Scope.NAME, names.limit(), byName);
        }
        if (byAddress > 0) {
            throw refusal(TooManySignInsException.Scope.ADDRESS, addresses.limit(), byAddress);
        }
    }

    /** Counts a sign-in whose user is unknown or whose password is wrong. */
    public void failed(String name, String address) {
        long now = nanos.getAsLong();
        names.failed(name, now);
        addresses.failed(address, now);
    }

    /** User names tracked now. */
    int trackedNames() {
        return names.size();
    }

    /** Addresses tracked now. */
    int trackedAddresses() {
        return addresses.size();
    }

    private static TooManySignInsException refusal(TooManySignInsException.Scope scope, int limit, long blockedNanos) {
        // rounded up: a client that waits as long as told must find the window closed
        long seconds = Math.max(1, (blockedNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        return new TooManySignInsException(scope, limit, seconds);
    }
}
