package org.jesdb.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the client knows of the nodes it was given: which one answers next for reads, which node
 * id each address belongs to and which is the leader (learned from {@code GET /api/cluster} and
 * from not-leader answers), and which could not be reached lately, so calls skip them for a while
 * instead of paying a connection timeout on each.
 */
final class Nodes {
    /** How long a node that could not be reached is passed over (unless no other is left). */
    static final long DOWN_FOR_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final List<URI> urls;
    private final AtomicReferenceArray<String> ids;
    private final AtomicLongArray downUntil;
    private final AtomicInteger readTurn = new AtomicInteger();
    private volatile int lastWriteNode;
    private volatile String leaderId;

    Nodes(List<URI> urls) {
        this.urls = List.copyOf(urls);
        this.ids = new AtomicReferenceArray<>(urls.size());
        this.downUntil = new AtomicLongArray(urls.size());
    }

    int size() {
        return urls.size();
    }

    URI url(int node) {
        return urls.get(node);
    }

    /** The next node in turn that is not known to be down. */
    int forRead() {
        return upFrom(Math.floorMod(readTurn.getAndIncrement(), urls.size()));
    }

    /** The leader when known and up (it commits fastest: no forwarding); else the node that last took a write. */
    int forWrite() {
        int leader = indexOf(leaderId);
        if (leader >= 0 && !isDown(leader)) {
            return leader;
        }
        return upFrom(lastWriteNode);
    }

    /** The node after {@code node} for another try: the leader when one is named and known, else the next one up. */
    int after(int node, String namedLeader) {
        int leader = indexOf(namedLeader);
        if (leader >= 0 && leader != node && !isDown(leader)) {
            return leader;
        }
        return upFrom((node + 1) % urls.size());
    }

    void tookWrite(int node) {
        lastWriteNode = node;
    }

    /** A node that cannot be reached is passed over for a while; if it led, the leader is unknown until named again. */
    void unreachable(int node) {
        downUntil.set(node, System.nanoTime() + DOWN_FOR_NANOS);
        String id = ids.get(node);
        if (id != null && id.equals(leaderId)) {
            leaderId = null;
        }
    }

    void reachable(int node) {
        downUntil.set(node, 0);
    }

    /** What a node said of itself and of the leader ({@code GET /api/cluster}, or a not-leader answer). */
    void learned(int node, String nodeId, String leader) {
        if (nodeId != null) {
            ids.set(node, nodeId);
        }
        learnedLeader(leader);
    }

    void learnedLeader(String leader) {
        if (leader != null) {
            leaderId = leader;
        }
    }

    /** Whether every node's id is known (then there is nothing more to ask). */
    boolean allIdentified() {
        for (int i = 0; i < urls.size(); i++) {
            if (ids.get(i) == null) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String nodeId) {
        if (nodeId == null) {
            return -1;
        }
        for (int i = 0; i < urls.size(); i++) {
            if (nodeId.equals(ids.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private boolean isDown(int node) {
        long until = downUntil.get(node);
        return until != 0 && until - System.nanoTime() > 0;
    }

    /** {@code start} or the first node after it that is not down; {@code start} when all are. */
    private int upFrom(int start) {
        for (int i = 0; i < urls.size(); i++) {
            int node = (start + i) % urls.size();
            if (!isDown(node)) {
                return node;
            }
        }
        return start;
    }
}
