package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jesdb.store.EmbeddedStore.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jesdb.store.security.AccessDeniedException;
import org.jesdb.store.security.AccessRule;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.Right;
import org.jesdb.store.security.User;
import org.jesdb.store.snapshots.SnapshotList;
import org.jesdb.store.snapshots.SnapshotSummary;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.streams.StreamList;
import org.jesdb.store.streams.StreamSummary;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.TransientSubscription;
import org.jesdb.store.subscriptions.Glob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access rules applied to what a caller reads: $all, the stream list, the snapshot list and
 * transient subscriptions show only streams the caller may read; admins and the trusted caller see all.
 */
class StreamAccessTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Orders are the sales role's alone; every other stream follows the standard defaults. */
    private static final AccessRules ORDERS_FOR_SALES = new AccessRules(List.of(new AccessRule(Glob.compile("streams", "order-*"),
            Map.of(Right.READ, List.of("role:sales"), Right.WRITE, List.of("role:sales")))), AccessRules.standard().defaults());
    /** Only sales may read anything: orders, and nothing else for anyone but admins. */
    private static final AccessRules SALES_READS_ORDERS_ONLY = new AccessRules(List.of(
            new AccessRule(Glob.compile("streams", "order-*"), Map.of(Right.READ, List.of("role:sales")))),
            new AccessRule(Glob.compile("streams", "*"), Map.of()));

    private final Caller bob = new Caller("bob", Set.of("sales"));
    private final Caller carl = new Caller("carl", Set.of("support"));
    private final Caller root = new Caller("root", Set.of(Caller.ADMIN));

    @TempDir
    Path dir;
    EventStore store;

    @BeforeEach
    void open() {
        store = EventStore.open(EmbeddedStore.config(dir));
        for (String stream : List.of("cart-1", "hidden-1", "order-1", "order-2")) {
            store.appendToStream(stream, ExpectedVersion.any(), events(2, "Happened"));
            store.recordSnapshot("app", stream, 1, "application/json", "{}".getBytes());
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aUserLimitedByARuleSeesOnlyTheStreamsItMayReadInAllTheStreamListAndTheSnapshotList() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);

        assertThat(streamsInAll(bob)).containsOnly("order-1", "order-2");
        assertThat(streamsInAll(carl)).isEmpty();
        assertThat(store.listStreams(null, 100, bob).streams()).extracting(StreamSummary::name)
                .containsExactly("order-1", "order-2");
        assertThat(store.listSnapshots(null, null, null, 100, bob).snapshots()).extracting(SnapshotSummary::stream)
                .containsExactly("order-1", "order-2");
        assertThat(store.listSnapshots("app", "hidden-1", null, 100, bob).snapshots()).isEmpty();
    }

    @Test
    void theSnapshotListIsFilteredInsideItsScanSoALimitCountsOnlyReadableOnes() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);

        // cart-1 and hidden-1 come first in key order: a filter after the limit would leave nothing
        assertThat(store.listSnapshots(null, null, null, 1, bob).snapshots()).extracting(SnapshotSummary::stream).containsExactly("order-1");
        assertThat(store.listStreams(null, 1, bob).streams()).extracting(StreamSummary::name).containsExactly("order-1");
    }

    @Test
    void adminsAndTheTrustedCallerSeeEverything() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);

        for (Caller caller : List.of(root, Caller.TRUSTED)) {
            assertThat(streamsInAll(caller)).containsOnly("cart-1", "hidden-1", "order-1", "order-2");
            assertThat(store.listStreams(null, 100, caller).streams()).hasSize(4);
            assertThat(store.listSnapshots(null, null, null, 100, caller).snapshots()).hasSize(4);
        }
    }

    @Test
    void aRuleChangeCountsForTheNextRead() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);
        assertThat(store.listStreams(null, 100, carl).streams()).isEmpty();

        store.accessControl().putRules(AccessRules.standard());

        assertThat(store.listStreams(null, 100, carl).streams()).hasSize(4);
        assertThat(streamsInAll(carl)).hasSize(4);
        assertThat(store.listSnapshots(null, null, null, 100, carl).snapshots()).hasSize(4);
    }

    @Test
    void aFilteredStreamListPagesOnPastStreamsTheCallerMayNotRead() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            StreamList page = store.listStreams(after, 1, bob);
            page.streams().forEach(summary -> seen.add(summary.name()));
            after = page.next();
            pages++;
        } while (after != null && pages < 10);

        assertThat(seen).containsExactly("order-1", "order-2");
    }

    @Test
    void aFilteredSnapshotListPagesOnPastSnapshotsTheCallerMayNotRead() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            SnapshotList page = store.listSnapshots(null, null, after, 1, bob);
            page.snapshots().forEach(summary -> seen.add(summary.stream()));
            after = page.next();
            pages++;
        } while (after != null && pages < 10);

        assertThat(seen).containsExactly("order-1", "order-2");
    }

    @Test
    void aPageThatStopsAmongHiddenEntriesGoesOnWithoutNamingThem() throws Exception {
        store.accessControl().initialize(new User("root", "hash", Set.of(Caller.ADMIN)), "token key".getBytes());
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);
        // more hidden entries before order-1 than a page of one may look at (10,000)
        List<CompletableFuture<?>> writes = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(32);
        try {
            for (int i = 0; i < 10_050; i++) {
                String stream = String.format("hidden-payroll-%05d", i);
                writes.add(store.appendToStreamAsync(stream, ExpectedVersion.any(), events(1, "Happened")));
                writes.add(CompletableFuture.runAsync(() -> store.recordSnapshot("app", stream, 1, "application/json",
                        "{}".getBytes()), writers));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } finally {
            writers.shutdownNow();
        }

        StreamList streams = store.listStreams(null, 1, bob);
        SnapshotList snapshots = store.listSnapshots(null, null, null, 1, bob);

        assertThat(streams.streams()).isEmpty();
        assertThat(streams.next()).startsWith("$").doesNotContain("payroll");
        assertThat(snapshots.snapshots()).isEmpty();
        assertThat(snapshots.next()).as("sealed: a plain cursor is base64url, without $").startsWith("$");
        assertThat(store.listStreams(streams.next(), 1, bob).streams()).extracting(StreamSummary::name).containsExactly("order-1");
        assertThat(store.listSnapshots(null, null, snapshots.next(), 1, bob).snapshots()).extracting(SnapshotSummary::stream)
                .containsExactly("order-1");
        assertThat(store.listStreams(null, 1, root).next()).as("an admin's next names what it may see").isEqualTo("cart-1");
    }

    @Test
    void oneStreamNeedsReadOnItAndEverythingElseNeedsReadEverywhere() {
        store.accessControl().putRules(ORDERS_FOR_SALES);
        AccessControl access = store.accessControl();

        assertThat(access.mayRead(bob, Selector.stream("order-1"))).isTrue();
        assertThat(access.mayRead(carl, Selector.stream("order-1"))).isFalse();
        assertThat(access.mayRead(carl, Selector.stream("cart-1"))).isTrue();
        assertThat(access.mayRead(bob, Selector.all())).as("bob may read orders and, by the defaults, the rest").isTrue();
        assertThat(access.mayRead(carl, Selector.all())).as("orders are not everybody's").isFalse();
        assertThat(access.mayRead(carl, Selector.pattern("cart-*", null))).as("a glob may reach any stream").isFalse();
        assertThat(access.mayRead(root, Selector.eventTypes(List.of("Happened")))).isTrue();
        assertThatThrownBy(() -> access.requireRead(carl, Selector.stream("order-1")))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.stream()).isEqualTo("order-1");
                    assertThat(e.right()).isEqualTo(Right.READ);
                });
        assertThatThrownBy(() -> access.requireRead(carl, Selector.payload("{\"a\":1}")))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.stream()).isEqualTo("$all"));
        assertThatThrownBy(() -> access.requireEverywhere(carl, Right.WRITE))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.stream()).isEqualTo("$all"));
        access.requireEverywhere(root, Right.DELETE);

        store.accessControl().putRules(AccessRules.standard());
        assertThat(access.mayRead(carl, Selector.all())).as("after the change every user may read every stream").isTrue();
    }

    @Test
    void aTransientSubscriptionHandsOnOnlyReadableEventsAndFollowsARuleChange() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);
        store.accessControl().createUser(new User("carl", "h", Set.of("support")));
        RecordingSink sink = new RecordingSink();
        try (TransientSubscription subscription = store.subscribe(Selector.all(), StartPoint.start(), 100, sink, carl)) {
            subscription.start();
            store.appendToStream("order-9", ExpectedVersion.any(), events(1, "Marker"));
            await().atMost(WAIT).until(() -> subscription.position() > 8);
            assertThat(sink.messages).as("carl may read nothing").isEmpty();

            store.accessControl().putRules(AccessRules.standard());
            store.appendToStream("cart-1", ExpectedVersion.any(), events(1, "AfterTheChange"));

            await().atMost(WAIT).until(() -> sink.messages.size() == 1);
            assertThat(sink.messages.get(0).event().type()).isEqualTo("AfterTheChange");
        }
    }

    @Test
    void aTransientSubscriptionOfALimitedUserShowsOnlyItsStreams() {
        store.accessControl().putRules(SALES_READS_ORDERS_ONLY);
        store.accessControl().createUser(new User("bob", "h", Set.of("sales")));
        RecordingSink sink = new RecordingSink();
        try (TransientSubscription subscription = store.subscribe(Selector.all(), StartPoint.start(), 100, sink, bob)) {
            subscription.start();
            store.appendToStream("hidden-1", ExpectedVersion.any(), events(1, "Hidden"));
            store.appendToStream("order-1", ExpectedVersion.any(), events(1, "Seen"));

            await().atMost(WAIT).until(() -> sink.messages.size() == 5);
        }
        assertThat(sink.messages).extracting(message -> message.event().stream())
                .containsExactly("order-1", "order-1", "order-2", "order-2", "order-1");
    }

    @Test
    void aDeletedUserGetsNothingMoreFromItsTransientSubscription() {
        store.accessControl().createUser(new User("carl", "h", Set.of("support")));
        RecordingSink sink = new RecordingSink();
        try (TransientSubscription subscription = store.subscribe(Selector.all(), StartPoint.end(), 100, sink, carl)) {
            subscription.start();
            store.appendToStream("cart-1", ExpectedVersion.any(), events(1, "Before"));
            await().atMost(WAIT).until(() -> sink.messages.size() == 1);

            store.accessControl().deleteUser("carl");
            store.appendToStream("cart-1", ExpectedVersion.any(), events(1, "After"));

            await().atMost(WAIT).until(() -> !sink.closedReasons.isEmpty());
            assertThat(sink.closedReasons.get(0)).contains("user 'carl' does not exist");
            assertThat(sink.messages).extracting(message -> message.event().type()).containsExactly("Before");
        }
    }

    private List<String> streamsInAll(Caller caller) {
        return store.readAll(ReadOptions.forwards().maxCount(1000), caller).events().stream()
                .map(RecordedEvent::stream).distinct().toList();
    }
}
