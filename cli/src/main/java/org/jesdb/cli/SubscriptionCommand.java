package org.jesdb.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.ParkedEvent;
import org.jesdb.client.PersistentSubscription;
import org.jesdb.client.PersistentSubscriptionInfo;
import org.jesdb.client.PersistentSubscriptionListener;
import org.jesdb.client.PersistentSubscriptionSettings;
import org.jesdb.client.PersistentSubscriptions;
import org.jesdb.client.RecordedEvent;
import org.jesdb.client.SubscribeFrom;
import org.jesdb.client.SubscriptionSelector;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb subscription ...}: persistent subscriptions — create, list, inspect, delete, the
 * parked events and their replay, and {@code follow}, which consumes one: it prints each event
 * as a JSON line and acknowledges it once printed.
 */
@Command(name = "subscription", description = "Creates, lists, inspects, follows and deletes persistent subscriptions.")
final class SubscriptionCommand implements Runnable {

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** Exactly one way to select events. */
    static final class Selection {
        @Option(names = "--stream", paramLabel = "NAME", description = "One stream's events ($all: every event)")
        String stream;

        @Option(names = "--event-types", paramLabel = "TYPE", split = ",", description = "Events of these types")
        List<String> eventTypes;

        @ArgGroup(exclusive = false)
        Globs globs;

        @Option(names = "--payload", paramLabel = "JSON", description = "JSON events whose data holds this object")
        String payload;

        SubscriptionSelector selector() {
            if (stream != null) {
                return SubscriptionSelector.stream(stream);
            }
            if (eventTypes != null) {
                return SubscriptionSelector.eventTypes(eventTypes);
            }
            if (globs != null) {
                return SubscriptionSelector.pattern(globs.streamGlob, globs.typeGlob);
            }
            return SubscriptionSelector.payload(payload);
        }
    }

    /** Globs on the stream and/or the type: * any run, ? one character, \ escapes; never regular expressions. */
    static final class Globs {
        @Option(names = "--stream-glob", paramLabel = "GLOB", description = "e.g. order-*")
        String streamGlob;

        @Option(names = "--type-glob", paramLabel = "GLOB", description = "e.g. Order*")
        String typeGlob;
    }

    @Command(name = "create", description = "Creates a persistent subscription and prints it.")
    int create(@Parameters(index = "0", paramLabel = "NAME") String name,
               @ArgGroup(exclusive = true, multiplicity = "1") Selection selection,
               @Option(names = "--from", paramLabel = "start|end|N", defaultValue = "end",
                       description = "Where it starts: a version for a --stream, else a position. Default: ${DEFAULT-VALUE}")
               String from,
               @Option(names = "--max-in-flight", paramLabel = "N", description = "Unacknowledged events per consumer") Integer maxInFlight,
               @Option(names = "--max-retries", paramLabel = "N", description = "Redeliveries before an event is parked") Integer maxRetries,
               @Option(names = "--ack-timeout", paramLabel = "SECONDS", description = "Time to acknowledge before redelivery") Long ackTimeoutSeconds,
               @Option(names = "--unordered", description = "Deliver events wherever there is room, not one stream at a time")
               boolean unordered) {
        PersistentSubscriptionSettings settings = PersistentSubscriptionSettings.defaults().from(start(from));
        if (maxInFlight != null) {
            settings = settings.maxInFlight(maxInFlight);
        }
        if (maxRetries != null) {
            settings = settings.maxRetries(maxRetries);
        }
        if (ackTimeoutSeconds != null) {
            settings = settings.ackTimeout(Duration.ofSeconds(ackTimeoutSeconds));
        }
        if (unordered) {
            settings = settings.perStream(false);
        }
        SubscriptionSelector selector;
        try {
            selector = selection.selector();
        } catch (IllegalArgumentException badPayload) {
            throw new InputException(badPayload.getMessage());
        }
        try (JesdbClient client = jesdb.connect()) {
            print(info(client.persistentSubscriptions().create(name, selector, settings)));
        }
        return 0;
    }

    @Command(name = "list", description = "Lists the persistent subscriptions with their status, one per line.")
    int list() {
        try (JesdbClient client = jesdb.connect()) {
            client.persistentSubscriptions().list().forEach(info -> print(info(info)));
        }
        return 0;
    }

    @Command(name = "info", description = "Prints a subscription's settings and status (checkpoint, lag, parked, ...).")
    int info(@Parameters(index = "0", paramLabel = "NAME") String name) {
        try (JesdbClient client = jesdb.connect()) {
            print(info(client.persistentSubscriptions().getInfo(name)));
        }
        return 0;
    }

    @Command(name = "delete", description = "Deletes a subscription with its checkpoint and parked events.")
    int delete(@Parameters(index = "0", paramLabel = "NAME") String name) {
        try (JesdbClient client = jesdb.connect()) {
            client.persistentSubscriptions().delete(name);
        }
        return 0;
    }

    @Command(name = "parked", description = "Prints the parked events (oldest first) as JSON lines, with attempts and reason.")
    int parked(@Parameters(index = "0", paramLabel = "NAME") String name) {
        try (JesdbClient client = jesdb.connect()) {
            PersistentSubscriptions subscriptions = client.persistentSubscriptions();
            long after = -1;
            ParkedEvent.Page page;
            do {
                page = subscriptions.listParked(name, after, 1000);
                for (ParkedEvent parked : page.events()) {
                    print(Json.createObjectBuilder().add("event", Json.createReader(new java.io.StringReader(
                                    EventLineCodec.line(parked.event()))).readObject())
                            .add("attempts", parked.attempts()).add("parkedAt", parked.parkedAt().toString())
                            .add("reason", parked.reason()).build());
                    after = parked.event().position();
                }
            } while (page.next() != null);
        }
        return 0;
    }

    @Command(name = "replay", description = "Delivers the parked events again (up to 10,000 a call).")
    int replay(@Parameters(index = "0", paramLabel = "NAME") String name) {
        try (JesdbClient client = jesdb.connect()) {
            print(Json.createObjectBuilder().add("replayed", client.persistentSubscriptions().replayParked(name)).build());
        }
        return 0;
    }

    @Command(name = "follow", description = {"Consumes a subscription: prints each event as a JSON line and acknowledges it.",
            "Until Ctrl-C (or --limit); events not yet acknowledged then go to other consumers."})
    int follow(@Parameters(index = "0", paramLabel = "NAME") String name,
               @Option(names = "--no-ack", description = "Print only: the events come again after the ack timeout")
               boolean noAck,
               @Option(names = "--limit", paramLabel = "N", description = "Stop after N events") Long limit)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Following following = new Following(limit);
        try (JesdbClient client = jesdb.connect();
             PersistentSubscription ignored = client.persistentSubscriptions().subscribe(name, new PersistentSubscriptionListener() {
                 @Override
                 public void onEvent(PersistentSubscription subscription, int attempt, RecordedEvent event) {
                     out.println(EventLineCodec.line(event));
                     out.flush();
                     if (!noAck) {
                         subscription.ack(event);
                     }
                     if (following.printed()) {
                         subscription.stop();
                     }
                 }

                 @Override
                 public void onCancelled(PersistentSubscription subscription, Throwable cause) {
                     following.ended(cause);
                 }
             })) {
            following.await();
        }
        return 0;
    }

    private static SubscribeFrom start(String from) {
        if (from.equals("start")) {
            return SubscribeFrom.start();
        }
        if (from.equals("end")) {
            return SubscribeFrom.end();
        }
        try {
            return SubscribeFrom.at(Long.parseLong(from));
        } catch (IllegalArgumentException notANumber) {
            throw new InputException("--from is start, end or a number of 0 or more, was " + from);
        }
    }

    private static JsonObject info(PersistentSubscriptionInfo info) {
        return Json.createObjectBuilder().add("name", info.name())
                .add("selector", Json.createReader(new java.io.StringReader(info.selector().toString())).readObject())
                .add("maxInFlight", info.maxInFlight()).add("maxRetries", info.maxRetries())
                .add("ordering", info.perStream() ? "per-stream" : "none").add("ackTimeoutMs", info.ackTimeout().toMillis())
                .add("checkpoint", info.checkpoint()).add("lag", info.lag()).add("inFlight", info.inFlight())
                .add("parked", info.parked()).add("consumers", info.consumers()).add("delivered", info.delivered())
                .add("acked", info.acked()).add("nacked", info.nacked()).build();
    }

    private void print(JsonObject json) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
    }
}
