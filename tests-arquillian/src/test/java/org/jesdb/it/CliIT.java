package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jesdb.cli.JesdbCommand;
import org.jesdb.client.EventData;
import org.jesdb.client.ExpectedVersion;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jesdb command line, run in-process, against two real nodes (the runnable jar): export, import, append, read, errors. */
class CliIT {
    private static Path dir;
    private static NodeProcess source;
    private static NodeProcess target;

    @BeforeAll
    static void startNodes() throws Exception {
        dir = Path.of(System.getProperty("jesdb.it.dir"), "cli-" + UUID.randomUUID());
        source = NodeProcess.start(dir.resolve("a"), Map.of("JESDB_DATA_DIR", dir.resolve("a/data").toString()));
        target = NodeProcess.start(dir.resolve("b"), Map.of("JESDB_DATA_DIR", dir.resolve("b/data").toString()));
        NodeProcess.awaitAllReady(List.of(source, target));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (NodeProcess node : new NodeProcess[] {source, target}) {
            if (node != null) {
                node.kill();
            }
        }
    }

    @Test
    void anExportImportedIntoAnEmptyStoreReproducesAllEventByEventAndASecondImportAppendsNothing() throws Exception {
        try (JesdbClient a = client(source); JesdbClient b = client(target)) {
            writeInterleavedStreams(a);
            Path export = dir.resolve("export.ndjson");

            Run exported = jesdb("--node", url(source), "export", "--out", export.toString());
            assertThat(exported.exitCode()).as(exported.err()).isZero();
            Run imported = jesdb("--node", url(target), "import", "--in", export.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();

            List<Fact> all = facts(a);
            assertThat(all).hasSizeGreaterThan(1000);
            assertThat(imported.err()).contains("imported " + all.size() + " events of "
                    + all.stream().map(Fact::stream).distinct().count() + " streams");
            assertThat(facts(b)).containsExactlyElementsOf(all);

            Run again = jesdb("--node", url(target), "import", "--in", export.toString(), "--no-progress");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(facts(b)).containsExactlyElementsOf(all);
        }
    }

    @Test
    void eventsAppendedFromAFileAreReadBackAsJsonLines() throws Exception {
        Path events = Files.writeString(dir.resolve("append.ndjson"), """
                {"type": "OrderPlaced", "data": {"total": 12.5}, "metadata": {"user": "ada"}}
                {"type": "Receipt", "contentType": "application/pdf", "data": "JVBERi0xLjQ="}
                """);

        Run appended = jesdb("--node", url(source), "append", "order-cli", "--expected-version", "no_stream", "--file", events.toString());
        assertThat(appended.exitCode()).as(appended.err()).isZero();
        JsonObject result = json(appended.out().strip());
        assertThat(result.getInt("firstVersion")).isZero();
        assertThat(result.getInt("lastVersion")).isEqualTo(1);

        Run read = jesdb("--node", url(source), "read", "order-cli");
        assertThat(read.exitCode()).as(read.err()).isZero();
        List<JsonObject> lines = read.out().lines().map(CliIT::json).toList();
        assertThat(lines).extracting(line -> line.getString("type")).containsExactly("OrderPlaced", "Receipt");
        assertThat(lines.get(0).getJsonObject("data").toString()).isEqualTo("{\"total\":12.5}");
        assertThat(lines.get(0).getJsonObject("metadata").getString("user")).isEqualTo("ada");
        assertThat(lines.get(1).getString("data")).isEqualTo("JVBERi0xLjQ=");
        assertThat(lines.get(1).getJsonNumber("position").longValue()).isEqualTo(result.getJsonNumber("lastPosition").longValue());

        Run last = jesdb("--node", url(source), "read", "order-cli", "--backwards", "--max-count", "1");
        assertThat(last.out().lines().map(line -> json(line).getString("type")).toList()).containsExactly("Receipt");
        Run streams = jesdb("--node", url(source), "streams", "--after", "order-cl", "--limit", "1");
        assertThat(streams.out().strip()).isEqualTo("{\"name\":\"order-cli\",\"version\":1}");
    }

    @Test
    void anAppendAtAWrongExpectedVersionExitsWith1AndSaysWhyOnStderr() throws Exception {
        Path events = Files.writeString(dir.resolve("late.ndjson"), "{\"type\": \"Late\", \"data\": {}}\n");
        assertThat(jesdb("--node", url(source), "append", "order-late", "--file", events.toString()).exitCode()).isZero();

        Run refused = jesdb("--node", url(source), "append", "order-late", "--expected-version", "no_stream", "--file", events.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).startsWith("jesdb: wrong-expected-version: ").contains("order-late").doesNotContain("\tat ");
    }

    @Test
    void snapshotsAreSavedReadAndListed() throws Exception {
        Path state = Files.writeString(dir.resolve("state.json"), "{\"total\": 30}");
        Run saved = jesdb("--node", url(source), "snapshot", "save", "billing", "order-cli-9", "3", "--file", state.toString());
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        assertThat(json(saved.out()).getInt("version")).isEqualTo(3);
        assertThat(json(saved.out()).getString("contentType")).isEqualTo("application/json");

        JsonObject latest = json(jesdb("--node", url(source), "snapshot", "read", "billing", "order-cli-9").out());
        assertThat(latest.getInt("version")).isEqualTo(3);
        assertThat(latest.getJsonObject("data").toString()).isEqualTo("{\"total\":30}");
        assertThat(jesdb("--node", url(source), "snapshot", "list", "--source", "billing").out()).contains("\"stream\":\"order-cli-9\"");
        assertThat(jesdb("--node", url(source), "snapshot", "save", "billing", "order-cli-9", "5", "--file", state.toString())
                .exitCode()).isZero();
        Run firstPage = jesdb("--node", url(source), "snapshot", "list", "--source", "billing", "--stream", "order-cli-9",
                "--limit", "1");
        assertThat(json(firstPage.out()).getInt("version")).isEqualTo(3);
        String after = firstPage.err().substring(firstPage.err().indexOf("--after '") + "--after '".length()).strip();
        Run rest = jesdb("--node", url(source), "snapshot", "list", "--source", "billing", "--stream", "order-cli-9",
                "--after", after.substring(0, after.length() - "')".length()));
        assertThat(json(rest.out()).getInt("version")).isEqualTo(5);
        assertThat(jesdb("--node", url(source), "cluster", "status").out()).contains("leader:", "MEMBER");
    }

    @Test
    void tailFollowsAStreamAndASubscriptionIsFollowedAndAcknowledged() throws Exception {
        try (JesdbClient client = client(source)) {
            client.appendToStream("tailed", ExpectedVersion.noStream(), List.of(EventData.json("A", "{}"),
                    EventData.json("B", "{}"), EventData.json("C", "{}")));
            Path tailOut = dir.resolve("tail-" + UUID.randomUUID() + ".out");
            CompletableFuture<Run> tail = CompletableFuture.supplyAsync(() -> jesdb(tailOut,
                    "--node", url(source), "tail", "tailed", "--count", "2", "-f", "--limit", "2"));
            await().atMost(Duration.ofSeconds(40)).until(() -> readIfThere(tailOut).lines().count() == 2);
            client.appendToStream("tailed", ExpectedVersion.exactly(2), List.of(EventData.json("D", "{}"), EventData.json("E", "{}")));
            Run tailed = tail.get(30, TimeUnit.SECONDS);
            assertThat(tailed.exitCode()).as(tailed.err()).isZero();
            assertThat(tailed.out().lines().map(line -> json(line).getString("type"))).containsExactly("B", "C", "D", "E");
        }

        Run created = jesdb("--node", url(source), "subscription", "create", "cli-billing", "--event-types", "D,E",
                "--from", "start", "--max-in-flight", "10");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(json(created.out()).getInt("maxInFlight")).isEqualTo(10);
        Run followed = jesdb("--node", url(source), "subscription", "follow", "cli-billing", "--limit", "2");
        assertThat(followed.exitCode()).as(followed.err()).isZero();
        assertThat(followed.out().lines().map(line -> json(line).getString("type"))).containsExactly("D", "E");
        // Each printed event was acknowledged before the next.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(jesdb("--node", url(source), "subscription", "info", "cli-billing").out()).getInt("acked") == 2);
        assertThat(jesdb("--node", url(source), "subscription", "list").out()).contains("\"name\":\"cli-billing\"");

        assertThat(jesdb("--node", url(source), "subscription", "delete", "cli-billing").exitCode()).isZero();
        Run gone = jesdb("--node", url(source), "subscription", "info", "cli-billing");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).startsWith("jesdb: subscription-not-found: ");
    }

    @Test
    void withoutCredentialsInItsEnvironmentTheCommandIsRefusedAndReadsNothing() {
        Run anonymous = run(Map.of(), null, "--node", url(source), "streams");
        assertThat(anonymous.exitCode()).as(anonymous.err()).isEqualTo(1);
        assertThat(anonymous.err()).startsWith("jesdb: unauthorized: ");
        assertThat(anonymous.out()).isEmpty();

        Run noPassword = run(Map.of("JESDB_USER", TestAdmin.NAME), null, "--node", url(source), "streams");
        assertThat(noPassword.exitCode()).as(noPassword.err()).isEqualTo(2);
        assertThat(noPassword.err()).contains("needs its password in $JESDB_PASSWORD");

        Run wrongPassword = run(Map.of("JESDB_USER", TestAdmin.NAME, "JESDB_PASSWORD", "not the admin's password"), null,
                "--node", url(source), "streams");
        assertThat(wrongPassword.err()).startsWith("jesdb: unauthorized: ");
        assertThat(wrongPassword.out()).isEmpty();
    }

    /** JSON events with and without metadata in five interleaved streams, one JSON+ event and one binary event. */
    private static void writeInterleavedStreams(JesdbClient client) {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            List<EventData> batch = new ArrayList<>();
            for (int n = 0; n <= round % 7; n++) {
                String data = "{\"round\":" + round + ",\"n\":" + n + ",\"text\":\"caf\u00e9 \u2713\",\"price\":1.50}";
                EventData event = EventData.json(n % 2 == 0 ? "ItemAdded" : "ItemRemoved", data);
                batch.add(n % 3 == 0 ? new EventData(event.id(), event.type(), event.contentType(), event.data(),
                        "{\"user\":\"u" + round + "\",\"tags\":[1,2]}") : event);
            }
            client.appendToStream("cart-" + round % 5, ExpectedVersion.any(), batch);
            if (round == 150) {
                byte[] bytes = new byte[300];
                random.nextBytes(bytes);
                client.appendToStream("files", ExpectedVersion.noStream(), List.of(
                        new EventData(UUID.randomUUID(), "FileUploaded", "application/octet-stream", bytes, "{\"name\":\"x.bin\"}")));
                client.appendToStream("orders", ExpectedVersion.noStream(), List.of(new EventData(UUID.randomUUID(), "OrderPlaced",
                        "application/vnd.order+json", "{\"total\":3}".getBytes(StandardCharsets.UTF_8), null)));
            }
        }
    }

    /** What an import must keep of an event (all but the time it was appended). */
    private record Fact(UUID id, String type, String stream, long version, long position, String contentType, String data,
                        String metadata) {
        static Fact of(RecordedEvent event) {
            return new Fact(event.id(), event.type(), event.stream(), event.version(), event.position(), event.contentType(),
                    Base64.getEncoder().encodeToString(event.data()), event.metadata());
        }
    }

    private static List<Fact> facts(JesdbClient client) {
        try (var events = client.allEvents(0)) {
            return events.map(Fact::of).toList();
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run jesdb(String... args) {
        return jesdb(null, args);
    }

    /**
     * Runs the command as a user does, in its own JVM, signed in through its environment
     * (JESDB_USER and JESDB_PASSWORD: the CLI never takes a password from the command line);
     * its output goes to {@code watched} (a fresh file if null), which may be read while it runs.
     */
    private static Run jesdb(Path watched, String... args) {
        return run(Map.of("JESDB_USER", TestAdmin.NAME, "JESDB_PASSWORD", TestAdmin.PASSWORD), watched, args);
    }

    private static Run run(Map<String, String> env, Path watched, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), JesdbCommand.class.getName()));
        command.addAll(List.of(args));
        try {
            Path out = watched != null ? watched : Files.createTempFile(dir, "cli-out-", ".txt");
            Path err = Files.createTempFile(dir, "cli-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().keySet().removeIf(name -> name.startsWith("JESDB_"));
            builder.environment().putAll(env);
            Process cli = builder.start();
            if (!cli.waitFor(120, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new AssertionError("jesdb " + String.join(" ", args) + " did not end in 120 s");
            }
            return new Run(cli.exitValue(), Files.readString(out), Files.readString(err));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readIfThere(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonObject json(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    private static String url(NodeProcess node) {
        return "http://127.0.0.1:" + node.port;
    }

    private static JesdbClient client(NodeProcess node) {
        return JesdbClient.builder().nodes(url(node)).credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build();
    }
}
