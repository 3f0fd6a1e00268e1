package org.jesdb.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jesdb.client.EventPage;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.ReadOptions;
import org.jesdb.client.RecordedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb read}: a stream's events, or {@code $all}'s, as lines of JSON. By default the whole
 * of it forwards, page by page as it is printed; with {@code --backwards} or {@code --max-count}
 * one bounded page.
 */
@Command(name = "read", description = {"Prints a stream's events, or $all's, as JSON lines.",
        "All of them forwards, or one page with --backwards or --max-count."})
final class ReadCommand implements Callable<Integer> {
    static final String ALL = "$all";

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STREAM|$all")
    String stream;

    @Option(names = "--from", paramLabel = "N",
            description = "The first version (a stream) or position ($all). Default: the start, or the end with --backwards")
    Long from;

    @Option(names = "--backwards", description = "Newest first (one page)")
    boolean backwards;

    @Option(names = "--max-count", paramLabel = "N", description = "Read one page of at most N events (1..1000). "
            + "Default with --backwards: 100")
    Integer maxCount;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        LineWriter out = new LineWriter(stdout);
        try (JesdbClient client = jesdb.connect()) {
            if (backwards || maxCount != null) {
                onePage(client).events().forEach(event -> out.line(EventLineCodec.line(event)));
            } else {
                long start = from == null ? 0 : from;
                try (Stream<RecordedEvent> events = ALL.equals(stream) ? client.allEvents(start) : client.streamEvents(stream, start)) {
                    events.forEach(event -> out.line(EventLineCodec.line(event)));
                }
            }
        } finally {
            stdout.flush();
        }
        return 0;
    }

    private EventPage onePage(JesdbClient client) {
        ReadOptions options = (backwards ? ReadOptions.backwardsFromEnd() : ReadOptions.forwards())
                .maxCount(maxCount == null ? 100 : maxCount);
        if (from != null) {
            options = options.from(from);
        }
        return ALL.equals(stream) ? client.readAll(options) : client.readStream(stream, options);
    }
}
