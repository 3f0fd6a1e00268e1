package org.jesdb.ejb.lifecycle;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.jesdb.ejb.config.DbType;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.ejb.streams.AppendNotifier;
import org.jesdb.ejb.subscriptions.SubscriptionMetrics;
import java.time.Duration;
import java.util.List;
import org.jesdb.ejb.cluster.RaftMemberDiscovery;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.ClusterView;
import org.jesdb.store.EventStore;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.NodeStatus;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.RecordedEvent;

/**
 * Opens the store when the application starts and closes it when it stops. Everything else
 * reaches the store through {@link #store(String)}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER)
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StoreLifecycle {
    private static final Logger LOG = Logger.getLogger(StoreLifecycle.class.getName());

    @Inject
    Config mpConfig;

    @Inject
    AppendNotifier notifier;

    @Inject
    SubscriptionMetrics subscriptionMetrics;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    RaftMemberDiscovery discovery;

    /** How long a new cluster member waits for the others before the start fails. */
    private static final Duration FORMATION_WAIT = Duration.ofMinutes(5);

    private JesdbConfig config;
    private EventStore store;
    /** Runs subscription dispatchers: short, non-blocking steps only. */
    private ScheduledThreadPoolExecutor subscriptionThreads;

    @PostConstruct
    void open() {
        config = JesdbConfig.from(mpConfig);
        if (config.dbType() == DbType.GATEWAY) {
            throw new IllegalStateException("JESDB_DB_TYPE=gateway is not available in this version; use single or cluster");
        }
        LOG.info(() -> "opening store id=" + config.storeId() + " type=" + config.dbType() + " dir=" + config.dataDir()
                + " timeout=" + config.timeout().toMillis() + "ms");
        subscriptionThreads = new ScheduledThreadPoolExecutor(2, threadFactory);
        subscriptionThreads.setRemoveOnCancelPolicy(true);
        StoreConfig storeConfig = config.storeConfig();
        CommitListener listener = notifier.listenerFor(config.storeId());
        if (config.dbType() == DbType.CLUSTER) {
            storeConfig = clusterConfig(storeConfig, discovery.members(config, FORMATION_WAIT));
            listener = CommitListener.both(listener, new CommitListener() {
                @Override
                public void eventsAppended(List<RecordedEvent> events) {
                    // only the members matter here
                }

                @Override
                public void membersChanged(List<ClusterMember> members) {
                    discovery.keep(config, members);
                }
            });
        }
        store = EventStore.open(storeConfig, listener, subscriptionThreads);
        if (!storeConfig.isJoining()) {
            // (a joining node cannot read the group's state until an admin adds it)
            store.persistentSubscriptions().list()
                    .forEach(status -> subscriptionMetrics.register(status.name(), store.persistentSubscriptions()));
        }
    }

    /** A founding member, or a node that joins the group formed without it and waits to be added. */
    private StoreConfig clusterConfig(StoreConfig base, List<ClusterMember> group) {
        String nodeId = config.cluster().nodeId();
        if (group.stream().anyMatch(member -> member.id().equals(nodeId))) {
            return base.withCluster(nodeId, group);
        }
        return base.withJoin(nodeId, config.cluster().raftAddress(), group);
    }

    @PreDestroy
    void close() {
        if (store != null) {
            store.close();
        }
        if (subscriptionThreads != null) {
            subscriptionThreads.shutdownNow();
        }
    }

    /** The store with this id; only the configured one exists on this node. */
    public EventStore store(String storeId) {
        if (!config.storeId().equals(storeId)) {
            throw new UnknownStoreException(storeId, config.storeId());
        }
        return store;
    }

    public JesdbConfig config() {
        return config;
    }

    public NodeStatus status() {
        return store.status();
    }

    public ClusterView clusterView() {
        return store.clusterView();
    }
}
