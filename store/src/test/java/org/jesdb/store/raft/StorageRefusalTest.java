package org.jesdb.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.jesdb.store.InsufficientStorageException;
import org.junit.jupiter.api.Test;

class StorageRefusalTest {
    @Test
    void theLeadersFiguresSurviveTheMessageRatisWrapsAroundThem() {
        String wrapped = "org.apache.ratis.protocol.exceptions.StateMachineException: java.io.IOException from Server n1@group-1: "
                + StorageRefusal.of(new InsufficientStorageException(1234, 5678)).getMessage();

        InsufficientStorageException refused = StorageRefusal.in(wrapped).orElseThrow();

        assertThat(refused.freeBytes()).isEqualTo(1234);
        assertThat(refused.requiredBytes()).isEqualTo(5678);
    }

    @Test
    void otherRefusalsAreNotTakenForAFullDisk() {
        assertThat(StorageRefusal.in("rejected a command batch: stream name too long")).isEmpty();
        assertThat(StorageRefusal.in("[insufficient-storage free=x required=1]")).isEmpty();
        assertThat(StorageRefusal.in(null)).isEmpty();
    }
}
