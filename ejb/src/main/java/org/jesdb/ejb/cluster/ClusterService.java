package org.jesdb.ejb.cluster;

import jakarta.ejb.Local;
import java.util.List;
import org.jesdb.store.ClusterView;

/** The cluster use cases: see the group, add a waiting node to it, remove a member. */
@Local
public interface ClusterService {

    /** The group as this node sees it. */
    ClusterView view();

    /** Nodes of this cluster (same secret, up now) that are not members: the ones an admin can add. */
    List<String> waiting();

    /** Adds the waiting node {@code nodeId}; answers once it has the data and counts for the quorum. */
    ClusterView addMember(String nodeId);

    /** Removes the member {@code nodeId}; never done automatically. */
    ClusterView removeMember(String nodeId);
}
