package org.jesdb.cli;

import jakarta.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.StreamList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jesdb streams}: the streams that have events, with their versions, in name order. */
@Command(name = "streams", description = {"Lists streams and their versions, as JSON lines.",
        "All of them in name order, or one page with --limit."})
final class StreamsCommand implements Callable<Integer> {
    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Option(names = "--after", paramLabel = "NAME", description = "List the names after this one")
    String after;

    @Option(names = "--limit", paramLabel = "N", description = "List one page of at most N streams (1..1000). Default: all")
    Integer limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JesdbClient client = jesdb.connect()) {
            Paging.list(after, limit, spec.commandLine().getErr(), (from, count) -> {
                StreamList page = client.listStreams(from, count);
                page.streams().forEach(entry -> out.println(Json.createObjectBuilder()
                        .add("name", entry.name()).add("version", entry.version()).build()));
                return page.next();
            });
        } finally {
            out.flush();
        }
        return 0;
    }
}
