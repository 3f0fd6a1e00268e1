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
import org.jesdb.ejb.cluster.RaftMemberDiscovery;
import org.jesdb.store.ClusterView;
import org.jesdb.store.EventStore;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.NodeStatus;

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
        if (config.dbType() == DbType.CLUSTER) {
            storeConfig = storeConfig.withCluster(config.cluster().nodeId(), discovery.members(config, FORMATION_WAIT));
        }
        store = EventStore.open(storeConfig, notifier.listenerFor(config.storeId()), subscriptionThreads);
        store.persistentSubscriptions().list()
                .forEach(status -> subscriptionMetrics.register(status.name(), store.persistentSubscriptions()));
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
