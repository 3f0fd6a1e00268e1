package org.jesdb.store;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.server.DivisionInfo;
import org.jesdb.store.raft.RaftNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster member whose disk runs low stands down from its group, and comes back when space
 * returns. A follower cannot refuse the entries the leader sends it, and Ratis fails its log
 * for good on the first write error, so the member leaves before its disk is full: when its
 * free space falls below half the reserve. It comes back once the whole reserve is free again,
 * recovering from its own log and catching up like a restarted node. The leader never stands
 * down for its own disk: it refuses new data there first (at the whole reserve), so when every
 * member's disk fills alike the group stays up for reads and refuses writes with 507, instead
 * of losing its majority.
 */
final class FollowerDiskWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FollowerDiskWatch.class);
    private static final long CHECK_MILLIS = 200;
    private static final long REJOIN_PAUSE_SECONDS = 5;

    private final DiskSpaceGuard disk;
    private final RaftNode raft;
    /** When a rejoin may be tried next (System.nanoTime; timer thread only). */
    private long nextRejoin = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "jesdb-disk-watch");
        thread.setDaemon(true);
        return thread;
    });

    private FollowerDiskWatch(DiskSpaceGuard disk, RaftNode raft) {
        this.disk = disk;
        this.raft = raft;
    }

    /** Watches the disk of a cluster member; a reserve of 0 watches nothing. */
    static FollowerDiskWatch start(DiskSpaceGuard disk, RaftNode raft) {
        FollowerDiskWatch watch = new FollowerDiskWatch(disk, raft);
        if (disk.reserveBytes() > 0) {
            watch.timer.scheduleWithFixedDelay(watch::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return watch;
    }

    private void check() {
        try {
            long free = disk.freeBytes();
            if (raft.standingDownBecause() != null) {
                if (free >= disk.reserveBytes() && System.nanoTime() >= nextRejoin) {
                    // a failed start (the port not yet free, say) is tried again after a pause, not every check
                    nextRejoin = System.nanoTime() + TimeUnit.SECONDS.toNanos(REJOIN_PAUSE_SECONDS);
                    raft.rejoinGroup();
                }
                return;
            }
            DivisionInfo info = raft.info();
            if (info != null && !info.isLeader() && free < disk.reserveBytes() / 2) {
                raft.leaveGroup("its disk has " + free + " bytes free, less than half the " + disk.reserveBytes()
                        + " it keeps in reserve (JESDB_MIN_FREE_DISK_BYTES); it comes back when the reserve is free again");
            }
        } catch (IOException | RuntimeException e) {
            // the next check tries again; the member stays as it is until then
            LOG.warn("the disk watch could not change this member's part in the group: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
