package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A full disk: the node's data folder is on a 160 MiB tmpfs, mostly taken by a ballast file.
 * Appends go on until the free space falls below the node's reserve; then they are refused with
 * 507 and an insufficient-storage problem, and change nothing, while reads go on. When the
 * ballast is deleted, appends are taken again; after a restart every acknowledged event is there.
 */
class DiskFullIT {
    static final long DISK_BYTES = 160L << 20;
    static final long RESERVE_BYTES = 32L << 20;
    /** Left free beside the ballast when the node starts: the appends fill what is above the reserve. */
    private static final long ROOM_BYTES = 64L << 20;
    /** Bounds every fill loop: 2,000 appends of 240 KB are far more than the disk holds. */
    static final int MAX_APPENDS = 2_000;

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "disk-full-" + UUID.randomUUID());

    @Test
    void appendsAreRefusedBelowTheReserveReadsGoOnAndWritesResumeWhenSpaceReturns() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), DISK_BYTES)) {
            Map<String, String> env = Map.of(
                    "JESDB_DATA_DIR", disk.path().resolve("data").toString(),
                    "JESDB_MIN_FREE_DISK_BYTES", Long.toString(RESERVE_BYTES));
            BulkStream stream = new BulkStream("disk-full");
            try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
                disk.fillLeaving(ROOM_BYTES);

                Answer refused = appendUntilRefused(node.api, stream);
                assertInsufficientStorage(refused);
                assertThat(stream.acknowledged()).as("appends were taken before the disk filled").hasSizeGreaterThan(10);
                System.out.printf("disk full: %d events (%d MiB) acknowledged, then %s%n", stream.acknowledged().size(),
                        stream.acknowledged().size() * (long) BulkStream.EVENT_BYTES >> 20, refused.json().getString("detail"));

                // Refused again, nothing changed; reads and health go on.
                assertThat(stream.append(node.api).status()).isEqualTo(507);
                assertThat(stream.ids(node.api, "")).containsExactlyElementsOf(stream.acknowledged());
                assertThat(node.api.get("health/live").status()).isEqualTo(200);

                disk.removeBallast();
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.append(node.api).status() == 200);
                assertThat(stream.append(node.api).status()).isEqualTo(200);
            }
            try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
                assertThat(stream.ids(node.api, "")).as("every acknowledged event after a restart")
                        .containsExactlyElementsOf(stream.acknowledged());
            }
        }
    }

    /** Appends until one is refused, at most {@link #MAX_APPENDS}. */
    static Answer appendUntilRefused(Api api, BulkStream stream) {
        for (int i = 0; i < MAX_APPENDS; i++) {
            Answer answer = stream.append(api);
            if (answer.status() != 200) {
                return answer;
            }
        }
        throw new AssertionError(MAX_APPENDS + " appends of 240 KB were all taken on a " + (DISK_BYTES >> 20) + " MiB disk");
    }

    /** A 507 with an insufficient-storage problem that names the reserve and the free space below it. */
    static void assertInsufficientStorage(Answer refused) {
        assertThat(refused.status()).as(refused.text()).isEqualTo(507);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonObject problem = refused.json();
        assertThat(problem.getString("type")).isEqualTo("urn:jesdb:problem:insufficient-storage");
        assertThat(problem.getJsonNumber("requiredBytes").longValue()).isEqualTo(RESERVE_BYTES);
        assertThat(problem.getJsonNumber("freeBytes").longValue()).isLessThan(RESERVE_BYTES);
    }
}
