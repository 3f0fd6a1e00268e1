package org.jesdb.web.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jesdb.ejb.cluster.HttpNodeDirectory.StoreNode;

/**
 * The order in which one request tries the store's nodes: each node once, starting at this
 * request's turn (round robin); a node named as the leader by a refusal goes next, once.
 */
final class NodeChoice {
    private final List<StoreNode> order;
    private final Set<String> tried = new HashSet<>();
    private String leaderHint;

    NodeChoice(List<StoreNode> nodes, int turn) {
        order = new ArrayList<>(nodes);
        Collections.rotate(order, -Math.floorMod(turn, nodes.size()));
    }

    /** A refusing node named the leader: it is tried next (if it is known and not tried yet). */
    void leaderIs(String nodeId) {
        leaderHint = nodeId;
    }

    /** The next node to try, or null when every node has been tried. */
    StoreNode next() {
        if (leaderHint != null) {
            String hint = leaderHint;
            leaderHint = null;
            for (StoreNode node : order) {
                if (node.id().equals(hint) && tried.add(node.id())) {
                    return node;
                }
            }
        }
        for (StoreNode node : order) {
            if (tried.add(node.id())) {
                return node;
            }
        }
        return null;
    }
}
