package org.jesdb.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.jesdb.ejb.cluster.HttpNodeDirectory;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.ClusterView;
import org.jesdb.store.NodeStatus;

/**
 * MicroProfile Health: the node is started once the store is open, ready while it leads (or
 * follows) a Raft group that has a leader and its security is set up (with security on, nobody
 * can sign in before), and live while its Raft server runs and no read
 * has met damaged data (a restart checks every record; see the README on corruption).
 */
@ApplicationScoped
public class StoreHealthChecks {

    /*
     * Resolved on the first check, not when this bean is made: Payara's health extension makes
     * it while CDI starts, when an EAR's web module cannot yet resolve an @EJB reference, and a
     * cluster member's StoreLifecycle may still be waiting for the group to form.
     */
    @Inject
    Instance<StoreLifecycle> lifecycles;

    private volatile StoreLifecycle resolvedLifecycle;

    @Inject
    HttpNodeDirectory directory;

    @Produces
    @Startup
    HealthCheck started() {
        return () -> lifecycle().isGateway() ? gateway("jesdb-gateway-started", false)
                : withStatus("jesdb-store-open", status -> true);
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> lifecycle().isGateway() ? gateway("jesdb-gateway-ready", true)
                : withStatus("jesdb-store-ready", status -> status.ready() && lifecycle().securitySetUp());
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> lifecycle().isGateway() ? gateway("jesdb-gateway-live", false)
                : withStatus("jesdb-raft-running",
                        status -> !status.role().equals("STOPPED") && !status.role().equals("DAMAGED"));
    }

    private StoreLifecycle lifecycle() {
        StoreLifecycle resolved = resolvedLifecycle;
        if (resolved == null) {
            resolved = lifecycles.get();
            resolvedLifecycle = resolved;
        }
        return resolved;
    }

    /** A gateway is ready once it knows a store node to forward to. */
    private HealthCheckResponse gateway(String name, boolean needsNodes) {
        StoreLifecycle lifecycle = lifecycle();
        List<String> nodes = directory.nodes(lifecycle.config()).stream().map(HttpNodeDirectory.StoreNode::id).toList();
        return HealthCheckResponse.named(name).withData("store", lifecycle.config().storeId()).withData("role", "GATEWAY")
                .withData("nodes", String.join(",", nodes)).status(!needsNodes || !nodes.isEmpty()).build();
    }

    /** on, off, or setting-up (security is on but its first admin has not reached this node yet: nobody can sign in). */
    private static String securityState(StoreLifecycle lifecycle) {
        if (!lifecycle.security().enabled()) {
            return "off";
        }
        return lifecycle.securitySetUp() ? "on" : "setting-up";
    }

    private HealthCheckResponse withStatus(String name, java.util.function.Predicate<NodeStatus> up) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        StoreLifecycle lifecycle = lifecycle();
        NodeStatus status;
        try {
            status = lifecycle.status();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
        response.withData("store", lifecycle.config().storeId())
                .withData("node", status.nodeId())
                .withData("role", status.role())
                .withData("leader", String.valueOf(status.leaderId()))
                .withData("term", status.term())
                .withData("appliedIndex", status.appliedIndex());
        if (status.problem() != null) {
            response.withData("problem", status.problem());
        }
        response.withData("security", securityState(lifecycle));
        try {
            ClusterView view = lifecycle.clusterView();
            response.withData("commitIndex", view.commitIndex())
                    .withData("lag", Math.max(0, view.commitIndex() - view.appliedIndex()))
                    .withData("members", view.members().stream().map(member -> member.id() + ":" + member.role())
                            .collect(Collectors.joining(",")));
        } catch (RuntimeException e) {
            response.withData("clusterError", String.valueOf(e.getMessage()));
        }
        return response.status(up.test(status)).build();
    }
}
