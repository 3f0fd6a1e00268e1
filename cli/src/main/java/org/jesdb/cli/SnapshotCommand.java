package org.jesdb.cli;

import jakarta.json.Json;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.Snapshot;
import org.jesdb.client.SnapshotList;
import org.jesdb.client.SnapshotSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb snapshot list|read|save|delete}: a source's snapshots of a stream, kept by
 * (source, stream, version). Each subcommand is one client call, so they are methods here.
 */
@Command(name = "snapshot", description = "Lists, reads, saves and deletes snapshots.")
final class SnapshotCommand implements Runnable {

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    @Command(name = "list", description = "Lists snapshots in (source, stream, version) order, one JSON object per line.")
    int list(@Option(names = "--source", description = "Only this source's") String source,
             @Option(names = "--stream", description = "Only this stream's") String stream,
             @Option(names = "--after", paramLabel = "CURSOR", description = "Go on from where a page ended (its next)")
             String after,
             @Option(names = "--limit", paramLabel = "N", description = "List one page of at most N snapshots (1..1000). "
                     + "Default: all") Integer limit) {
        PrintWriter out = spec.commandLine().getOut();
        try (JesdbClient client = jesdb.connect()) {
            Paging.list(after, limit, spec.commandLine().getErr(), (from, count) -> {
                SnapshotList page = client.listSnapshots(source, stream, from, count);
                for (SnapshotSummary summary : page.snapshots()) {
                    out.println(Json.createObjectBuilder().add("source", summary.source()).add("stream", summary.stream())
                            .add("version", summary.version()).add("created", summary.created().toString())
                            .add("size", summary.size()).build());
                }
                return page.next();
            });
        } finally {
            out.flush();
        }
        return 0;
    }

    @Command(name = "read", description = "Prints a snapshot as JSON: the one of VERSION, or the latest.")
    int read(@Parameters(index = "0", paramLabel = "SOURCE") String source,
             @Parameters(index = "1", paramLabel = "STREAM") String stream,
             @Parameters(index = "2", paramLabel = "VERSION", arity = "0..1") Long version) {
        Snapshot snapshot;
        try (JesdbClient client = jesdb.connect()) {
            snapshot = version == null ? client.readLatestSnapshot(source, stream) : client.readSnapshot(source, stream, version);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.createObjectBuilder().add("source", snapshot.source()).add("stream", snapshot.stream())
                .add("version", snapshot.version()).add("created", snapshot.created().toString())
                .add("contentType", snapshot.contentType())
                .add("data", Payload.toJson(snapshot.contentType(), snapshot.data())).build());
        out.flush();
        return 0;
    }

    @Command(name = "save", description = "Records a snapshot of STREAM as of VERSION, replacing one recorded before.")
    int save(@Parameters(index = "0", paramLabel = "SOURCE") String source,
             @Parameters(index = "1", paramLabel = "STREAM") String stream,
             @Parameters(index = "2", paramLabel = "VERSION") long version,
             @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The state. Default: stdin") Path file,
             @Option(names = "--content-type", defaultValue = Payload.JSON,
                     description = "The state's content type; other than JSON, the file's bytes as they are. Default: ${DEFAULT-VALUE}")
             String contentType) throws Exception {
        byte[] data;
        try (InputStream in = Input.open(file)) {
            data = in.readAllBytes();
        }
        if (Payload.isJson(contentType)) {
            try {
                Payload.parse(new String(data, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notJson) {
                throw new InputException("the snapshot is " + notJson.getMessage() + " (for other content, give --content-type)");
            }
        }
        try (JesdbClient client = jesdb.connect()) {
            client.recordSnapshot(source, stream, version, contentType, data);
        }
        // one line, as append prints, naming what was recorded (JSON is stored compacted: its size is the node's to tell)
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.createObjectBuilder().add("source", source).add("stream", stream).add("version", version)
                .add("contentType", contentType).build());
        out.flush();
        return 0;
    }

    @Command(name = "delete", description = "Deletes the snapshot of VERSION.")
    int delete(@Parameters(index = "0", paramLabel = "SOURCE") String source,
               @Parameters(index = "1", paramLabel = "STREAM") String stream,
               @Parameters(index = "2", paramLabel = "VERSION") long version) {
        try (JesdbClient client = jesdb.connect()) {
            client.deleteSnapshot(source, stream, version);
        }
        return 0;
    }
}
