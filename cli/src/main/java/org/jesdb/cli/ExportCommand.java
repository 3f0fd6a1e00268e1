package org.jesdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.ReadOptions;
import org.jesdb.client.RecordedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb export}: the whole of {@code $all} as lines of JSON, in position order, in the
 * shape {@code read} prints; {@code jesdb import} appends such a file to another store.
 */
@Command(name = "export", description = {"Writes $all as JSON lines, for jesdb import.",
        "One event per line in position order, as read prints them."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write. Default: stdout")
    Path out;

    @Option(names = "--from", paramLabel = "POSITION", description = "The first position. Default: 0 "
            + "(an export from later on cannot be imported: its streams do not start at version 0)")
    long from;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr. Default: when writing to a file")
    Boolean progress;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        long exported;
        try (JesdbClient client = jesdb.connect()) {
            long total = Math.max(0, lastPosition(client) + 1 - from);
            boolean shown = progress != null ? progress : out != null;
            if (out == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                exported = export(client, stdout, total, shown);
                stdout.flush();
            } else {
                try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    exported = export(client, file, total, shown);
                }
            }
        }
        spec.commandLine().getErr().printf("exported %d events in %.1f s%n", exported, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private long export(JesdbClient client, Writer writer, long total, boolean shown) {
        LineWriter out = new LineWriter(writer);
        try (Progress bar = Progress.counting("export", total, shown);
             Stream<RecordedEvent> events = client.allEvents(from)) {
            events.forEach(event -> {
                out.line(EventLineCodec.line(event));
                bar.step();
            });
        }
        return out.lines();
    }

    /** The position of the last event in {@code $all}, or -1 when there is none: positions run from 0 without gaps. */
    private static long lastPosition(JesdbClient client) {
        List<RecordedEvent> last = client.readAll(ReadOptions.backwardsFromEnd().maxCount(1)).events();
        return last.isEmpty() ? -1 : last.get(0).position();
    }
}
