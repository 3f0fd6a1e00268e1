package org.jesdb.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.StoreLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Ratis settings JESDB's safety rests on, each one a lesson learned (see RaftNode#properties). */
class RaftPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void followersCheckEveryHeartbeatAgainstTheirLogNotAgainstQueuedAppends() {
        RaftProperties properties = RaftNode.properties(config(), dir);

        // Ratis 3.3's default (compose) let a deposed leader apply one of its own uncommitted entries.
        assertThat(RaftServerConfigKeys.Log.appendEntriesComposeEnabled(properties)).isFalse();
    }

    @Test
    void readsAreLinearizableAndNeverUnsafeFlush() {
        RaftProperties properties = RaftNode.properties(config(), dir);

        assertThat(RaftServerConfigKeys.Read.option(properties)).isEqualTo(RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        assertThat(RaftServerConfigKeys.Log.unsafeFlushEnabled(properties)).isFalse();
    }

    private StoreConfig config() {
        return new StoreConfig("default", dir, StoreConfig.DEFAULT_TIMEOUT, "127.0.0.1", 0,
                StoreConfig.DEFAULT_SNAPSHOT_THRESHOLD, StoreLimits.defaults());
    }
}
