package org.jesdb.ejb.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jesdb.store.security.Caller;
import org.junit.jupiter.api.Test;

class ConnectionQuotaTest {
    private final ConnectionQuota quota = new ConnectionQuota();

    @Test
    void aUserGetsAsManyConnectionsAsTheLimitAndOneMoreOnceOneEnds() {
        Runnable first = quota.take("ann", 2);
        quota.take("ann", 2);

        assertThatThrownBy(() -> quota.take("ann", 2)).isInstanceOf(TooManyConnectionsException.class)
                .hasMessageContaining("'ann'").hasMessageContaining("JESDB_MAX_CONNECTIONS_PER_USER");
        assertThat(quota.openBy("ann")).as("a refusal holds nothing").isEqualTo(2);
        assertThat(quota.take("bob", 2)).as("each user has a quota of their own").isNotNull();

        first.run();
        first.run();
        assertThat(quota.openBy("ann")).as("a release counts once").isEqualTo(1);
        quota.take("ann", 2);
        assertThat(quota.openBy("ann")).isEqualTo(2);
    }

    @Test
    void trustedCallersAreNotCounted() {
        for (int i = 0; i < 1_000; i++) {
            quota.take(Caller.TRUSTED);
        }
        assertThat(quota.openBy(Caller.TRUSTED.name())).isZero();
    }

    @Test
    void concurrentTakesNeverExceedTheLimitAndAllReleasesReturnToZero() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Runnable>> taken = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                taken.add(pool.submit(() -> {
                    try {
                        return quota.take("ann", 50);
                    } catch (TooManyConnectionsException refused) {
                        return null;
                    }
                }));
            }
            List<Runnable> held = new ArrayList<>();
            for (Future<Runnable> future : taken) {
                Runnable release = future.get(10, TimeUnit.SECONDS);
                if (release != null) {
                    held.add(release);
                }
            }
            assertThat(held).hasSize(50);
            assertThat(quota.openBy("ann")).isEqualTo(50);
            held.forEach(Runnable::run);
            assertThat(quota.openBy("ann")).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
