package org.jesdb.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.jesdb.client.Errors;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.ReadOptions;
import org.jesdb.client.RecordedEvent;
import org.jesdb.client.SubscribeFrom;
import org.jesdb.client.Subscription;
import org.jesdb.client.SubscriptionListener;
import org.jesdb.client.SubscriptionSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb tail}: the last events of a stream or {@code $all}, oldest first, and with
 * {@code -f} the new ones as they come (a transient subscription that resumes by itself).
 */
@Command(name = "tail", description = {"Prints the last events of a stream or $all as JSON lines, oldest first.",
        "With -f, goes on printing new events until Ctrl-C (or --limit)."})
final class TailCommand implements Callable<Integer> {

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STREAM|$all")
    String stream;

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "10",
            description = "How many of the last events (0..1000). Default: ${DEFAULT-VALUE}")
    int count;

    @Option(names = {"-f", "--follow"}, description = "Go on with new events as they are appended")
    boolean follow;

    @Option(names = "--limit", paramLabel = "N", description = "With -f: stop after N new events")
    Long limit;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean all = ReadCommand.ALL.equals(stream);
        try (JesdbClient client = jesdb.connect()) {
            List<RecordedEvent> last = last(client, all);
            last.forEach(event -> out.println(EventLineCodec.line(event)));
            out.flush();
            if (!follow) {
                return 0;
            }
            // Right after the last one printed: nothing is missed or printed twice between the read and the follow.
            RecordedEvent newest = last.isEmpty() ? null : last.get(last.size() - 1);
            SubscribeFrom from = newest == null ? SubscribeFrom.start()
                    : SubscribeFrom.at(all ? newest.position() + 1 : newest.version() + 1);
            Following following = new Following(limit);
            SubscriptionListener printer = new SubscriptionListener() {
                @Override
                public void onEvent(Subscription subscription, RecordedEvent event) {
                    out.println(EventLineCodec.line(event));
                    out.flush();
                    if (following.printed()) {
                        subscription.stop();
                    }
                }

                @Override
                public void onCancelled(Subscription subscription, Throwable cause) {
                    following.ended(cause);
                }
            };
            try (Subscription ignored = all ? client.subscribeToAll(from, SubscriptionSelector.all(), printer)
                    : client.subscribeToStream(stream, from, printer)) {
                following.await();
            }
        }
        return 0;
    }

    private List<RecordedEvent> last(JesdbClient client, boolean all) {
        if (count <= 0) {
            return List.of();
        }
        ReadOptions newestFirst = ReadOptions.backwardsFromEnd().maxCount(count);
        List<RecordedEvent> events;
        try {
            events = new ArrayList<>(all ? client.readAll(newestFirst).events() : client.readStream(stream, newestFirst).events());
        } catch (Errors.StreamNotFound absent) {
            if (!follow) {
                throw absent;
            }
            return List.of(); // following a stream that does not exist yet: it is heard from its first event
        }
        Collections.reverse(events);
        return events;
    }
}
