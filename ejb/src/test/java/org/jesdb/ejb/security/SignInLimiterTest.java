package org.jesdb.ejb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.jesdb.ejb.security.TooManySignInsException.Scope;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
    private static final SignInLimits LIMITS = new SignInLimits(3, 5, Duration.ofSeconds(60));
    /** The limiter's clock, in nanoseconds; starts near the end of the long range, where nanoTime may wrap. */
    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - TimeUnit.SECONDS.toNanos(30));
    private final SignInLimiter limiter = new SignInLimiter(LIMITS, 100, now::get);

    @Test
    void aNameIsRefusedOnlyOnceItHasAsManyFailuresAsTheLimit() {
        fail("ann", "10.0.0.1", 2);
        assertThatCode(() -> limiter.check("ann", "10.0.0.1")).doesNotThrowAnyException();

        fail("ann", "10.0.0.1", 1);

        TooManySignInsException refused = refusal("ann", "10.0.0.1");
        assertThat(refused.scope()).isEqualTo(Scope.NAME);
        assertThat(refused.getMessage()).contains("this user name").doesNotContain("ann");
    }

    @Test
    void aLimitedNameIsRefusedFromAnyAddressWhateverThePassword() {
        fail("ann", "10.0.0.1", 3);

        // check comes before the password: the refusal cannot tell a right password from a wrong one
        assertThat(refusal("ann", "10.0.0.2").scope()).isEqualTo(Scope.NAME);
        assertThatCode(() -> limiter.check("bob", "10.0.0.1")).as("another name from the same address")
                .doesNotThrowAnyException();
    }

    @Test
    void anAddressIsRefusedForEveryNameOnceItsFailuresReachItsLimit() {
        fail("ann", "10.0.0.1", 2);
        fail("bob", "10.0.0.1", 2);
        fail("carl", "10.0.0.1", 1);

        TooManySignInsException refused = refusal("dora", "10.0.0.1");
        assertThat(refused.scope()).isEqualTo(Scope.ADDRESS);
        assertThat(refused.getMessage()).contains("this address").doesNotContain("ann", "bob", "carl", "dora", "10.0.0.1");
        assertThatCode(() -> limiter.check("dora", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void retryAfterIsTheRestOfTheWindowInWholeSecondsRoundedUp() {
        fail("ann", "10.0.0.1", 1);
        advance(Duration.ofMillis(20_500));
        fail("ann", "10.0.0.1", 2);

        assertThat(refusal("ann", "10.0.0.1").retryAfterSeconds()).isEqualTo(40);

        advance(Duration.ofMillis(39_499));
        assertThat(refusal("ann", "10.0.0.1").retryAfterSeconds()).as("1 ms left").isEqualTo(1);
    }

    @Test
    void theWindowClosesWhenItsTimeIsUpAndTheNextFailureOpensAFreshOne() {
        fail("ann", "10.0.0.1", 3);
        advance(Duration.ofSeconds(60));

        assertThatCode(() -> limiter.check("ann", "10.0.0.1")).doesNotThrowAnyException();
        fail("ann", "10.0.0.1", 2);
        assertThatCode(() -> limiter.check("ann", "10.0.0.1")).as("two failures in the new window").doesNotThrowAnyException();
    }

    @Test
    void whenBothAreLimitedTheOneBlockedLongerIsNamed() {
        fail("ann", "10.0.0.1", 1);
        advance(Duration.ofSeconds(10));
        fail("ann", "10.0.0.2", 2);
        fail("bob", "10.0.0.2", 3);

        TooManySignInsException refused = refusal("ann", "10.0.0.2");
        assertThat(refused.scope()).isEqualTo(Scope.ADDRESS);
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void aSuccessDoesNotResetAnything() {
        fail("ann", "10.0.0.1", 2);
        limiter.check("ann", "10.0.0.1");
        // a success is simply not reported: the limiter has no way to reset

        fail("ann", "10.0.0.1", 1);
        assertThat(refusal("ann", "10.0.0.1").scope()).isEqualTo(Scope.NAME);
    }

    @Test
    void atMostCapacityNamesAreTrackedAndAFloodOfOtherNamesDoesNotLiftABlock() {
        SignInLimiter small = new SignInLimiter(LIMITS, 3, now::get);
        for (String name : new String[] {"ann", "ann", "ann", "bob", "carl", "dora", "emil"}) {
            small.failed(name, "10.0.0." + name.length() + name.charAt(0));
        }

        assertThat(small.trackedNames()).isEqualTo(3);
        assertThat(small.trackedAddresses()).isEqualTo(3);
        // ann's window is the oldest, but blocked: bob's and carl's, the oldest that block nothing, went instead
        assertThat(refusalBy(small, "ann", "10.0.0.9").scope()).isEqualTo(Scope.NAME);
    }

    @Test
    void whenEveryTrackedNameIsBlockedTheOldestGoesFirst() {
        SignInLimiter small = new SignInLimiter(new SignInLimits(1, 100, Duration.ofSeconds(60)), 2, now::get);
        small.failed("ann", "10.0.0.1");
        small.failed("bob", "10.0.0.1");

        small.failed("carl", "10.0.0.1");

        assertThat(small.trackedNames()).isEqualTo(2);
        assertThatCode(() -> small.check("ann", "10.0.0.2")).as("forgotten").doesNotThrowAnyException();
        assertThat(refusalBy(small, "bob", "10.0.0.2").scope()).isEqualTo(Scope.NAME);
    }

    @Test
    void threadsFailingAtOnceLoseNoCount() throws Exception {
        SignInLimiter shared = new SignInLimiter(new SignInLimits(400, 100_000, Duration.ofSeconds(60)), 100, now::get);

        onFourThreads(thread -> shared.failed("ann", "10.0.0." + thread));

        // exactly the limit: one lost count would leave ann free
        assertThat(refusalBy(shared, "ann", "10.0.0.9").scope()).isEqualTo(Scope.NAME);
    }

    @Test
    void threadsSprayingNamesAtOnceKeepTheBound() throws Exception {
        SignInLimiter shared = new SignInLimiter(LIMITS, 50, now::get);
        AtomicLong sprayed = new AtomicLong();

        onFourThreads(thread -> {
            long n = sprayed.incrementAndGet();
            shared.failed("sprayed-" + n, "10.0.1." + n);
        });

        assertThat(shared.trackedNames()).isEqualTo(50);
        assertThat(shared.trackedAddresses()).isEqualTo(50);
    }

    /** Runs {@code failure} 100 times on each of 4 threads at once, given the thread's number. */
    private static void onFourThreads(IntConsumer failure) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        failure.accept(thread);
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void closedWindowsAreDroppedSoTheMapDoesNotHoldThem() {
        fail("ann", "10.0.0.1", 1);
        fail("bob", "10.0.0.2", 1);
        advance(Duration.ofSeconds(61));

        fail("carl", "10.0.0.3", 1);

        assertThat(limiter.trackedNames()).isEqualTo(1);
        assertThat(limiter.trackedAddresses()).isEqualTo(1);
    }

    private void fail(String name, String address, int times) {
        for (int i = 0; i < times; i++) {
            limiter.failed(name, address);
        }
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    private TooManySignInsException refusal(String name, String address) {
        return refusalBy(limiter, name, address);
    }

    private static TooManySignInsException refusalBy(SignInLimiter limiter, String name, String address) {
        TooManySignInsException refused = catchThrowableOfType(() -> limiter.check(name, address),
                TooManySignInsException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
