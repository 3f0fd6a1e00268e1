package org.jesdb.ejb.cluster;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jesdb.ejb.config.DbType;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.ClusterView;
import org.jesdb.store.MembershipException;
import org.jesdb.store.Names;

/** The store's Raft group: its view, and the admin's membership changes. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterServiceBean implements ClusterService {

    @EJB
    StoreLifecycle lifecycle;

    @Inject
    RaftMemberDiscovery discovery;

    @Override
    public ClusterView view() {
        return lifecycle.clusterView();
    }

    @Override
    public List<String> waiting() {
        if (lifecycle.config().dbType() != DbType.CLUSTER) {
            return List.of();
        }
        Set<String> members = view().members().stream().map(ClusterView.Member::id).collect(Collectors.toSet());
        return discovery.waiting(lifecycle.config(), members);
    }

    @Override
    public ClusterView addMember(String nodeId) {
        Names.requireUrlSafe("id", nodeId);
        requireCluster(nodeId);
        ClusterMember member = discovery.published(lifecycle.config(), nodeId).orElseThrow(() -> new MembershipException(
                nodeId, MembershipException.Reason.UNKNOWN_MEMBER, "node '" + nodeId + "' is not up in this cluster: start it "
                + "with JESDB_DB_TYPE=cluster, JESDB_NODE_ID=" + nodeId + " and this cluster's secret, then add it"));
        return lifecycle.store(lifecycle.config().storeId()).addMember(member);
    }

    @Override
    public ClusterView removeMember(String nodeId) {
        Names.requireUrlSafe("id", nodeId);
        requireCluster(nodeId);
        return lifecycle.store(lifecycle.config().storeId()).removeMember(nodeId);
    }

    private void requireCluster(String nodeId) {
        if (lifecycle.config().dbType() != DbType.CLUSTER) {
            throw new MembershipException(nodeId, MembershipException.Reason.NOT_CLUSTERED,
                    "this node runs a single node store (JESDB_DB_TYPE=single); its group cannot change");
        }
    }
}
