package org.jesdb.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLContext;

/**
 * A JESDB client: give it the nodes' addresses, and it spreads reads over them, sends writes to
 * the node that takes them, fails over when a node goes away and retries what is safe to retry
 * within each call's timeout (default 5 s). Errors are the typed {@link Errors}.
 *
 * <pre>{@code
 * try (JesdbClient client = JesdbClient.builder().nodes("http://127.0.0.1:8081", "http://127.0.0.1:8082").build()) {
 *     client.appendToStream("order-7", ExpectedVersion.noStream(), List.of(EventData.json("OrderPlaced", "{\"total\":12}")));
 *     client.streamEvents("order-7").forEach(event -> System.out.println(event.type()));
 * }
 * }</pre>
 */
public final class JesdbClient implements AutoCloseable {
    /** Events per page when a whole stream or $all is read lazily. */
    private static final int PAGE = 1000;
    private final Transport transport;
    private final String store;

    private JesdbClient(Transport transport, String store) {
        this.transport = transport;
        this.store = store;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How to reach the store: its nodes (or gateways), the store's id, the timeout of each call. */
    public static final class Builder {
        private final List<URI> nodes = new ArrayList<>();
        private String store = "default";
        private Duration timeout = Duration.ofSeconds(5);
        private Credentials credentials = Credentials.NONE;
        private SSLContext tls;

        public Builder nodes(String... urls) {
            for (String url : urls) {
                URI node = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
                if (!"http".equals(node.getScheme()) && !"https".equals(node.getScheme()) || node.getHost() == null) {
                    throw new IllegalArgumentException("a node is an http(s) URL such as http://127.0.0.1:8080, was " + url);
                }
                nodes.add(node);
            }
            return this;
        }

        public Builder store(String id) {
            this.store = id;
            return this;
        }

        public Builder timeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
            this.timeout = value;
            return this;
        }

        /** Signs every call in as {@code user} (HTTP Basic: use https:// nodes). */
        public Builder credentials(String user, String password) {
            this.credentials = Credentials.basic(user, password);
            return this;
        }

        /** Sends {@code token} (from the store's token call) as a bearer token with every call. */
        public Builder token(String token) {
            this.credentials = Credentials.bearer(token);
            return this;
        }

        /**
         * For https:// nodes, trusts only the certificates in {@code certificateFile} (PEM or DER),
         * e.g. a node's own {@code <JESDB_DATA_DIR>/tls/node.crt} or a private CA's certificate,
         * instead of the JDK's authorities. Host names are still checked against the certificate.
         */
        public Builder trustCertificate(Path certificateFile) {
            this.tls = TrustedCertificates.fromCertificateFile(certificateFile);
            return this;
        }

        /** For https:// nodes, trusts only the certificates of a PKCS12 or JKS trust store. */
        public Builder trustStore(Path trustStore, char[] password) {
            this.tls = TrustedCertificates.fromTrustStore(trustStore, password);
            return this;
        }

        /** For https:// nodes, the TLS context to connect with (client certificates, own trust rules). */
        public Builder sslContext(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        public JesdbClient build() {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("give at least one node, e.g. http://127.0.0.1:8080");
            }
            return new JesdbClient(new Transport(nodes, timeout, credentials, tls), store);
        }
    }

    // ---- streams ----

    /** Appends events atomically; retried on another node with the same ids when that is safe. */
    public AppendResult appendToStream(String stream, ExpectedVersion expected, List<EventData> events) {
        return join(appendToStreamAsync(stream, expected, events));
    }

    public CompletableFuture<AppendResult> appendToStreamAsync(String stream, ExpectedVersion expected,
                                                               List<EventData> events) {
        return checked(() -> transport.send("POST", streamPath(stream), EventJson.appendBody(expected, events),
                Transport.Route.LEADER, true).thenApply(reply -> EventJson.appendResult(reply.json())));
    }

    /** One page of a stream; {@link Errors.StreamNotFound} when it does not exist, {@link Errors.StreamDeleted} when deleted for good. */
    public EventPage readStream(String stream, ReadOptions options) {
        return join(readStreamAsync(stream, options));
    }

    public CompletableFuture<EventPage> readStreamAsync(String stream, ReadOptions options) {
        return checked(() -> transport.read(streamPath(stream) + options.query()).thenApply(reply -> EventJson.page(reply.json())));
    }

    /** The whole stream from version 0, read page by page as it is consumed (never all in memory). */
    public Stream<RecordedEvent> streamEvents(String stream) {
        return streamEvents(stream, 0);
    }

    /** The stream from {@code version} on, page by page as it is consumed. */
    public Stream<RecordedEvent> streamEvents(String stream, long version) {
        return paged(version, from -> readStream(stream, ReadOptions.forwards().from(from).maxCount(PAGE)));
    }

    /** One page of {@code $all}, the store's global order. */
    public EventPage readAll(ReadOptions options) {
        return join(readAllAsync(options));
    }

    public CompletableFuture<EventPage> readAllAsync(ReadOptions options) {
        return transport.read(storePath() + "/all" + options.query()).thenApply(reply -> EventJson.page(reply.json()));
    }

    /** {@code $all} from {@code position}, page by page as it is consumed. */
    public Stream<RecordedEvent> allEvents(long position) {
        return paged(position, from -> readAll(ReadOptions.forwards().from(from).maxCount(PAGE)));
    }

    /** The stream's version (that of its last event), or -1 when it has no events. */
    public long streamVersion(String stream) {
        return join(streamVersionAsync(stream));
    }

    public CompletableFuture<Long> streamVersionAsync(String stream) {
        return checked(() -> transport.read(streamPath(stream) + "/version")
                .thenApply(reply -> reply.json().getJsonNumber("version").longValue()));
    }

    /**
     * Deletes a stream: soft (it reads as absent; a later append re-creates it, its versions going
     * on) or hard (a tombstone: never written or read again). Answers the last version it had.
     * Not retried on another node once sent: a delete is not idempotent in its answer.
     */
    public long deleteStream(String stream, ExpectedVersion expected, boolean hard) {
        return join(deleteStreamAsync(stream, expected, hard));
    }

    public CompletableFuture<Long> deleteStreamAsync(String stream, ExpectedVersion expected, boolean hard) {
        return checked(() -> transport.send("DELETE", streamPath(stream) + "?mode=" + (hard ? "hard" : "soft")
                        + "&expectedVersion=" + segment(expected.toString()), null, Transport.Route.LEADER, false)
                .thenApply(reply -> reply.json().getJsonNumber("lastVersion").longValue()));
    }

    /** A page of stream names (with their versions) in name order, after {@code after} (null: from the start). */
    public StreamList listStreams(String after, int limit) {
        return join(listStreamsAsync(after, limit));
    }

    public CompletableFuture<StreamList> listStreamsAsync(String after, int limit) {
        String query = "?limit=" + limit + (after == null ? "" : "&after=" + segment(after));
        return transport.read(storePath() + "/streams" + query).thenApply(reply -> EventJson.streams(reply.json()));
    }

    // ---- snapshots ----

    /** Records a JSON snapshot of {@code stream} as of {@code version}, for {@code source} (replacing one recorded before). */
    public void recordSnapshot(String source, String stream, long version, String json) {
        recordSnapshot(source, stream, version, EventData.JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    public void recordSnapshot(String source, String stream, long version, String contentType, byte[] data) {
        join(recordSnapshotAsync(source, stream, version, contentType, data));
    }

    /** Recording the same snapshot again replaces it with the same: safe to retry. */
    public CompletableFuture<Void> recordSnapshotAsync(String source, String stream, long version, String contentType,
                                                       byte[] data) {
        return checked(() -> transport.send("PUT", snapshotPath(source, stream) + "/" + version,
                EventJson.snapshotBody(contentType, data), Transport.Route.LEADER, true).thenApply(reply -> null));
    }

    public Snapshot readSnapshot(String source, String stream, long version) {
        return join(readSnapshotAsync(source, stream, version));
    }

    public CompletableFuture<Snapshot> readSnapshotAsync(String source, String stream, long version) {
        return checked(() -> transport.read(snapshotPath(source, stream) + "/" + version)
                .thenApply(reply -> EventJson.snapshot(reply.json())));
    }

    /** The snapshot with the highest version; {@link Errors.NotFound} when there is none. */
    public Snapshot readLatestSnapshot(String source, String stream) {
        return join(readLatestSnapshotAsync(source, stream));
    }

    public CompletableFuture<Snapshot> readLatestSnapshotAsync(String source, String stream) {
        return checked(() -> transport.read(snapshotPath(source, stream) + "/latest")
                .thenApply(reply -> EventJson.snapshot(reply.json())));
    }

    /**
     * A page of snapshot summaries: all, a source's ({@code stream} null), a source's of one
     * stream, or one stream's across sources ({@code source} null). {@code after} is the
     * {@code next} of the page before, null for the first.
     */
    public SnapshotList listSnapshots(String source, String stream, String after, int limit) {
        return join(listSnapshotsAsync(source, stream, after, limit));
    }

    public CompletableFuture<SnapshotList> listSnapshotsAsync(String source, String stream, String after, int limit) {
        String query = "?limit=" + limit + (source == null ? "" : "&source=" + segment(source))
                + (stream == null ? "" : "&stream=" + segment(stream)) + (after == null ? "" : "&after=" + segment(after));
        return transport.read(storePath() + "/snapshots" + query).thenApply(reply -> EventJson.snapshots(reply.json()));
    }

    public void deleteSnapshot(String source, String stream, long version) {
        join(deleteSnapshotAsync(source, stream, version));
    }

    public CompletableFuture<Void> deleteSnapshotAsync(String source, String stream, long version) {
        return checked(() -> transport.send("DELETE", snapshotPath(source, stream) + "/" + version, null,
                Transport.Route.LEADER, false).thenApply(reply -> null));
    }

    // ---- subscriptions ----

    /**
     * Follows one stream: its events from {@code from} (a version), then live, to the listener on
     * a thread of the subscription's own. Reconnects by itself and resumes without a gap.
     */
    public Subscription subscribeToStream(String stream, SubscribeFrom from, SubscriptionListener listener) {
        return join(subscribeToStreamAsync(stream, from, listener));
    }

    /** Completes once the subscription is started (with "from the end", after one read that pins the end down). */
    public CompletableFuture<Subscription> subscribeToStreamAsync(String stream, SubscribeFrom from, SubscriptionListener listener) {
        return checked(() -> Subscription.start(transport, streamPath(stream) + "/events", headPath(), from, listener));
    }

    /** Follows {@code $all} (narrowed by {@code selector}) from {@code from} (a position), then live. */
    public Subscription subscribeToAll(SubscribeFrom from, SubscriptionSelector selector, SubscriptionListener listener) {
        return join(subscribeToAllAsync(from, selector, listener));
    }

    public CompletableFuture<Subscription> subscribeToAllAsync(SubscribeFrom from, SubscriptionSelector selector,
                                                               SubscriptionListener listener) {
        String query = selector.allQuery();
        return Subscription.start(transport, storePath() + "/all/events" + (query.isEmpty() ? "" : "?" + query.substring(1)),
                headPath(), from, listener);
    }

    /** The store's persistent subscriptions: create, inspect, change, delete, and connect as a consumer. */
    public PersistentSubscriptions persistentSubscriptions() {
        return new PersistentSubscriptions(transport, storePath());
    }

    // ---- cluster ----

    /** The cluster as the next node in turn sees it: members, leader, Raft indexes. */
    public ClusterView clusterView() {
        return join(clusterViewAsync());
    }

    public CompletableFuture<ClusterView> clusterViewAsync() {
        return transport.read("/api/cluster").thenApply(reply -> EventJson.cluster(reply.json()));
    }

    // ---- plumbing ----

    private String snapshotPath(String source, String stream) {
        requireName("source", source);
        requireName("stream", stream);
        return storePath() + "/snapshots/" + segment(source) + "/" + segment(stream);
    }

    private interface PageReader {
        EventPage read(long from);
    }

    private static Stream<RecordedEvent> paged(long start, PageReader reader) {
        Iterator<RecordedEvent> events = new Iterator<>() {
            private Iterator<RecordedEvent> page = List.<RecordedEvent>of().iterator();
            private Long next = start;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && next != null) {
                    long from = next;
                    EventPage read = reader.read(from);
                    page = read.events().iterator();
                    // A page may be empty while next goes on ($all for a user who may read some streams
                    // only); a next that does not move on would read forever.
                    next = read.next();
                    if (next != null && next <= from) {
                        throw new JesdbException("client-error", 0, "a page from " + from + " pointed back to " + next);
                    }
                }
                return page.hasNext();
            }

            @Override
            public RecordedEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false);
    }

    private String headPath() {
        return storePath() + "/all" + ReadOptions.backwardsFromEnd().maxCount(1).query();
    }

    private String storePath() {
        return "/api/stores/" + segment(store);
    }

    private String streamPath(String stream) {
        requireName("stream", stream);
        return storePath() + "/streams/" + segment(stream);
    }

    /** A name that will not change the path it is put in. */
    static void requireName(String field, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new Errors.InvalidRequest("invalid-input", 0, "a " + field + " name is required and cannot be '.' or '..'",
                    field);
        }
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The call, or the client's own refusal of its input as a failed future (async callers see no exception thrown). */
    static <T> CompletableFuture<T> checked(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (JesdbException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof JesdbException typed) {
                throw typed;
            }
            throw new JesdbException("client-error", 0, String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
