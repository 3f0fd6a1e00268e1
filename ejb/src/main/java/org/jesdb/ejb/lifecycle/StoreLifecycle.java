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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.jesdb.ejb.config.DbType;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.ejb.streams.AppendNotifier;
import org.jesdb.ejb.metrics.StoreMetrics;
import org.jesdb.ejb.security.PasswordHashes;
import org.jesdb.ejb.security.SecurityBootstrap;
import org.jesdb.ejb.security.SecuritySettings;
import org.jesdb.ejb.subscriptions.SubscriptionMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jesdb.ejb.cluster.HttpNodeDirectory;
import org.jesdb.ejb.cluster.MemberListKeeper;
import org.jesdb.ejb.cluster.RaftMemberDiscovery;
import org.jesdb.ejb.cluster.ServedCertificate;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.ClusterView;
import org.jesdb.store.EventStore;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.NodeStatus;
import org.jesdb.store.StoreUnavailableException;
import org.jesdb.store.streams.CommitListener;

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

    @Inject
    StoreMetrics storeMetrics;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    RaftMemberDiscovery discovery;

    @Inject
    HttpNodeDirectory httpNodes;

    @Inject
    PasswordHashes passwords;

    /** How long a new cluster member waits for the others before the start fails. */
    private static final Duration FORMATION_WAIT = Duration.ofMinutes(5);

    private JesdbConfig config;
    private SecuritySettings security;
    private volatile EventStore store;
    /** Runs subscription dispatchers: short, non-blocking steps only. */
    private ScheduledThreadPoolExecutor subscriptionThreads;
    /** Keeps the member list (cluster only): one thread, so that changes are written in order. */
    private ExecutorService memberListWriter;

    @PostConstruct
    void open() {
        config = JesdbConfig.from(mpConfig);
        security = SecuritySettings.from(mpConfig);
        if (config.dbType() == DbType.CLUSTER) {
            // before the member meets the others: a refused member must not have joined the group
            SecurityBootstrap.requireClusterPassword(security);
        }
        if (config.dbType() == DbType.GATEWAY) {
            // A gateway holds no store: it joins Hazelcast with the secret and forwards /api to the members.
            discovery.requireClusterName(config.cluster());
            LOG.info(() -> "gateway for store id=" + config.storeId() + ": forwards /api to the store's nodes");
            return;
        }
        LOG.info(() -> "opening store id=" + config.storeId() + " type=" + config.dbType() + " dir=" + config.dataDir()
                + " timeout=" + config.timeout().toMillis() + "ms");
        subscriptionThreads = new ScheduledThreadPoolExecutor(2, threadFactory);
        subscriptionThreads.setRemoveOnCancelPolicy(true);
        StoreConfig storeConfig = config.storeConfig();
        CommitListener listener = CommitListener.both(notifier.listenerFor(config.storeId()),
                subscriptionMetrics.listenerFor(() -> store, threadFactory));
        if (config.dbType() == DbType.CLUSTER) {
            storeConfig = clusterConfig(storeConfig, discovery.members(config, FORMATION_WAIT));
            memberListWriter = Executors.newSingleThreadExecutor(threadFactory);
            listener = CommitListener.both(listener, new MemberListKeeper(discovery, config, memberListWriter));
        }
        store = EventStore.open(storeConfig, listener, subscriptionThreads);
        startSecurity();
        storeMetrics.watch(store);
        if (config.dbType() == DbType.CLUSTER) {
            publishHttpUrl();
        }
        // Without a read barrier: a restarted member catching up, or one waiting to be added, must still start.
        store.persistentSubscriptions().listHeldHere()
                .forEach(status -> subscriptionMetrics.register(status.name(), store.persistentSubscriptions()));
    }

    private void startSecurity() {
        Optional<String> adminPassword;
        try {
            adminPassword = SecurityBootstrap.firstAdminPassword(security, store.accessControl(), config.dataDir());
        } catch (RuntimeException refused) {
            store.close();
            store = null;
            throw refused;
        }
        adminPassword.ifPresent(password -> SecurityBootstrap.start(store.accessControl(), password, passwords, threadFactory));
    }

    /** False while security is on and its setup (the first admin, the token key) has not reached this node. */
    public boolean securitySetUp() {
        if (!security.enabled()) {
            return true;
        }
        EventStore open = store;
        if (open == null) {
            return false;
        }
        try {
            return open.accessControl().localTokenKey().isPresent();
        } catch (RuntimeException closing) {
            // asked by a health check while the node shuts down (Xodus closed): not set up, rather than a 500
            return false;
        }
    }

    /**
     * Tells gateways where this member answers, and with which certificate: HTTPS when the
     * jar's launcher set up the listener's certificate, plain HTTP otherwise (the WAR on another
     * server), unless JESDB_HTTP_URL says where.
     */
    private void publishHttpUrl() {
        Optional<String> certificate = ServedCertificate.fingerprint();
        String url = config.cluster().httpUrl();
        if (url.isEmpty()) {
            url = ownUrl(certificate.isPresent());
            if (url == null) {
                LOG.warning("no HTTP port known: set JESDB_HTTP_URL for gateways to reach this node");
                return;
            }
        }
        httpNodes.publish(config, url, certificate);
        String published = url;
        LOG.info(() -> "gateways reach this node at " + published + certificate.map(sha -> " (certificate sha256=" + sha + ")").orElse(""));
    }

    /** The address Payara's own config source knows it listens on (--sslport, --port); null if none. */
    private String ownUrl(boolean servesKnownCertificate) {
        boolean https = servesKnownCertificate
                && mpConfig.getOptionalValue("payara.instance.https.enabled", Boolean.class).orElse(false);
        String scheme = https ? "https" : "http";
        return mpConfig.getOptionalValue("payara.instance." + scheme + ".port", Integer.class)
                .map(port -> scheme + "://" + config.cluster().raftHost() + ":" + port)
                .orElse(null);
    }

    /** A founding member, or a node that joins the group formed without it and waits to be added. */
    private StoreConfig clusterConfig(StoreConfig base, List<ClusterMember> group) {
        String nodeId = config.cluster().nodeId();
        if (group.stream().anyMatch(member -> member.id().equals(nodeId))) {
            return base.withCluster(nodeId, group, config.cluster().secret());
        }
        return base.withJoin(nodeId, config.cluster().raftAddress(), group, config.cluster().secret());
    }

    @PreDestroy
    void close() {
        if (store != null) {
            store.close();
        }
        subscriptionMetrics.stop();
        if (subscriptionThreads != null) {
            subscriptionThreads.shutdownNow();
        }
        if (memberListWriter != null) {
            memberListWriter.shutdown();
            try {
                // a change of members still queued is written before the node goes
                memberListWriter.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The store with this id; only the configured one exists on this node (and none on a gateway). */
    public EventStore store(String storeId) {
        if (!config.storeId().equals(storeId)) {
            throw new UnknownStoreException(storeId, config.storeId());
        }
        return requireStore();
    }

    /** True on a gateway node (JESDB_DB_TYPE=gateway), which forwards every API request. */
    public boolean isGateway() {
        return config.dbType() == DbType.GATEWAY;
    }

    private EventStore requireStore() {
        if (store == null) {
            throw new StoreUnavailableException("this node is a gateway (JESDB_DB_TYPE=gateway) and holds no store");
        }
        return store;
    }

    public JesdbConfig config() {
        return config;
    }

    public SecuritySettings security() {
        return security;
    }

    public NodeStatus status() {
        return requireStore().status();
    }

    public ClusterView clusterView() {
        return requireStore().clusterView();
    }
}
