package org.jesdb.bench.cluster;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jesdb.bench.events.BenchEvent;
import org.jesdb.bench.host.HostCpu;
import org.jesdb.bench.rest.AdminCredentials;
import org.jesdb.bench.rest.NodeProcess;
import org.jesdb.bench.rest.RestSession;
import org.jesdb.bench.targets.Feed;
import org.jesdb.bench.targets.FeedListener;
import org.jesdb.bench.targets.Page;
import org.jesdb.bench.targets.ServerUsage;
import org.jesdb.bench.targets.Session;
import org.jesdb.client.ClusterView;
import org.jesdb.client.JesdbClient;

/**
 * The three nodes of a {@link ClusterTarget}. Appends and reads go to the leader over REST, as
 * the Java client sends them; usage counts the CPU of all three nodes. The failover probe kills
 * and restarts members through it.
 */
public final class ClusterSession implements Session {
    private final List<NodeProcess> nodes;
    private final HttpClient http;
    private RestSession leaderSession;

    ClusterSession(List<NodeProcess> nodes, HttpClient http) {
        this.nodes = new ArrayList<>(nodes);
        this.http = http;
    }

    /** Member {@code index}'s id: n1, n2, n3. */
    static String nodeId(int index) {
        return "n" + (index + 1);
    }

    /** The nodes' HTTP addresses, for a client that routes and fails over itself. */
    synchronized List<String> urls() {
        return nodes.stream().map(node -> node.base().toString()).toList();
    }

    /** The admin every member started with (one for all). */
    synchronized AdminCredentials admin() {
        return nodes.get(0).admin();
    }

    /** The leader as the first answering node sees it, if it knows one. */
    synchronized Optional<String> leaderId() {
        for (NodeProcess node : nodes) {
            Optional<String> leader = leaderSeenBy(node);
            if (leader.isPresent()) {
                return leader;
            }
        }
        return Optional.empty();
    }

    /** The leader as {@code node} sees it; empty when it knows none or does not answer. */
    static Optional<String> leaderSeenBy(NodeProcess node) {
        try (JesdbClient client = node.client(Duration.ofSeconds(5))) {
            ClusterView view = client.clusterView();
            return Optional.ofNullable(view.leader());
        } catch (RuntimeException notAnswering) {
            return Optional.empty();
        }
    }

    synchronized NodeProcess node(String id) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodeId(i).equals(id)) {
                return nodes.get(i);
            }
        }
        throw new IllegalArgumentException("no member " + id);
    }

    /** Starts member {@code id} again on its ports and data after a kill, and waits until it is ready. */
    void restart(String id) throws IOException, InterruptedException {
        NodeProcess restarted;
        synchronized (this) {
            int index = Integer.parseInt(id.substring(1)) - 1;
            restarted = nodes.get(index).restart();
            nodes.set(index, restarted);
            leaderSession = null;
        }
        restarted.awaitReady(http, ClusterTarget.READY_TIMEOUT);
    }

    /** The members other than {@code id}. */
    synchronized List<NodeProcess> others(String id) {
        List<NodeProcess> others = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodeId(i).equals(id)) {
                others.add(nodes.get(i));
            }
        }
        return others;
    }

    private synchronized RestSession leader() throws IOException {
        if (leaderSession == null) {
            String id = leaderId().orElseThrow(() -> new IOException("no member knows a leader"));
            leaderSession = new RestSession(node(id), http);
        }
        return leaderSession;
    }

    @Override
    public void append(String stream, List<BenchEvent> events) throws IOException, InterruptedException {
        leader().append(stream, events);
    }

    @Override
    public Page readStream(String stream, Long from, int count) throws IOException, InterruptedException {
        return leader().readStream(stream, from, count);
    }

    @Override
    public Page readAll(Long from, int count) throws IOException, InterruptedException {
        return leader().readAll(from, count);
    }

    @Override
    public Feed subscribeAll(boolean fromStart, FeedListener listener) throws IOException {
        return leader().subscribeAll(fromStart, listener);
    }

    /** CPU of all members; Raft index and the server's own append times from the leader. */
    @Override
    public ServerUsage usage() {
        long cpu = 0;
        List<NodeProcess> members;
        synchronized (this) {
            members = List.copyOf(nodes);
        }
        for (NodeProcess node : members) {
            cpu += HostCpu.processTreeCpuNanos(node.pid());
        }
        try {
            ServerUsage leader = leader().usage();
            return new ServerUsage(cpu, leader.raftEntries(), leader.serverAppends(), leader.serverNanos());
        } catch (IOException e) {
            return new ServerUsage(cpu, -1, -1, -1);
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<NodeProcess> members;
        synchronized (this) {
            members = List.copyOf(nodes);
        }
        for (NodeProcess node : members) {
            node.close();
        }
    }
}
