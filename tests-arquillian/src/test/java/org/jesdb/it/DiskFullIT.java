package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A full disk: the node's data folder is on a 160 MiB tmpfs, mostly taken by a ballast file.
 * Appends go on until the free space falls below the node's reserve; then they are refused with
 * 507 and an insufficient-storage problem, and change nothing, while reads go on. When the
 * ballast is deleted, appends are taken again; after a restart every acknowledged event is there.
 */
class DiskFullIT {
    private static final long DISK_BYTES = 160L << 20;
    private static final long RESERVE_BYTES = 32L << 20;
    /** Left free beside the ballast when the node starts: the appends fill what is above the reserve. */
    private static final long ROOM_BYTES = 64L << 20;
    private static final String STREAM = "disk-full";

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "disk-full-" + UUID.randomUUID());
    private final Path disk = dir.resolve("disk");

    @Test
    void appendsAreRefusedBelowTheReserveReadsGoOnAndWritesResumeWhenSpaceReturns() throws Exception {
        Files.createDirectories(disk);
        run("mount", "-t", "tmpfs", "-o", "size=" + DISK_BYTES, "tmpfs", disk.toString());
        try {
            Map<String, String> env = Map.of(
                    "JESDB_DATA_DIR", disk.resolve("data").toString(),
                    "JESDB_MIN_FREE_DISK_BYTES", Long.toString(RESERVE_BYTES));
            List<String> acknowledged = new ArrayList<>();
            Path ballast = disk.resolve("ballast");
            try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
                fill(ballast, Files.getFileStore(disk).getUsableSpace() - ROOM_BYTES);

                Answer refused = appendUntilRefused(node.api, acknowledged);
                assertThat(refused.status()).as(refused.text()).isEqualTo(507);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                JsonObject problem = refused.json();
                assertThat(problem.getString("type")).isEqualTo("urn:jesdb:problem:insufficient-storage");
                assertThat(problem.getJsonNumber("requiredBytes").longValue()).isEqualTo(RESERVE_BYTES);
                assertThat(problem.getJsonNumber("freeBytes").longValue()).isLessThan(RESERVE_BYTES);
                assertThat(acknowledged).as("appends were taken before the disk filled").hasSizeGreaterThan(10);
                System.out.printf("disk full: %d events (%d MiB) acknowledged, then %s%n", acknowledged.size(),
                        acknowledged.size() * 60_000L >> 20, problem.getString("detail"));

                // Refused again, nothing changed; reads and health go on.
                assertThat(append(node.api, acknowledged.size() - 1, new ArrayList<>()).status()).isEqualTo(507);
                assertThat(streamIds(node.api)).containsExactlyElementsOf(acknowledged);
                assertThat(node.api.get("health/live").status()).isEqualTo(200);

                Files.delete(ballast);
                await().atMost(Duration.ofSeconds(10)).until(() -> append(node.api, acknowledged.size() - 1, acknowledged).status() == 200);
                assertThat(append(node.api, acknowledged.size() - 1, acknowledged).status()).isEqualTo(200);
            }
            try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
                assertThat(streamIds(node.api)).as("every acknowledged event after a restart").containsExactlyElementsOf(acknowledged);
            }
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    /** Appends batches of four 60 KB events until one is refused (at most 2,000 appends). */
    private static Answer appendUntilRefused(Api api, List<String> acknowledged) {
        for (int i = 0; i < 2_000; i++) {
            Answer answer = append(api, acknowledged.size() - 1, acknowledged);
            if (answer.status() != 200) {
                return answer;
            }
        }
        throw new AssertionError("2,000 appends of 240 KB were all taken on a " + (DISK_BYTES >> 20) + " MiB disk");
    }

    /** One append at the exact expected version; on success its ids join {@code acknowledged}. */
    private static Answer append(Api api, long version, List<String> acknowledged) {
        List<String> ids = new ArrayList<>();
        StringBuilder events = new StringBuilder();
        for (int e = 0; e < 4; e++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            events.append(e == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"type\":\"Filled\",\"data\":{\"pad\":\"")
                    .append("f".repeat(60_000)).append("\"}}");
        }
        String expected = version < 0 ? "\"no_stream\"" : Long.toString(version);
        Answer answer = api.post("api/stores/default/streams/" + STREAM, "{\"expectedVersion\":" + expected + ",\"events\":[" + events + "]}");
        if (answer.status() == 200) {
            acknowledged.addAll(ids);
        }
        return answer;
    }

    private static List<String> streamIds(Api api) {
        List<String> ids = new ArrayList<>();
        Long next = 0L;
        while (next != null) {
            JsonObject page = api.get("api/stores/default/streams/" + STREAM + "?count=100&from=" + next).json();
            for (JsonValue event : page.getJsonArray("events")) {
                ids.add(event.asJsonObject().getString("id"));
            }
            next = page.isNull("next") ? null : page.getJsonNumber("next").longValue();
        }
        return ids;
    }

    /** Writes {@code bytes} real bytes (tmpfs gives a sparse file no space). */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
