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
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.jesdb.ejb.config.DbType;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.ejb.streams.AppendNotifier;
import org.jesdb.store.EventStore;
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

    private JesdbConfig config;
    private EventStore store;

    @PostConstruct
    void open() {
        config = JesdbConfig.from(mpConfig);
        if (config.dbType() != DbType.SINGLE) {
            throw new IllegalStateException("JESDB_DB_TYPE=" + config.dbType().name().toLowerCase()
                    + " is not available in this version; use single");
        }
        LOG.info(() -> "opening store id=" + config.storeId() + " type=" + config.dbType() + " dir=" + config.dataDir()
                + " timeout=" + config.timeout().toMillis() + "ms");
        store = EventStore.open(config.storeConfig(), notifier.listenerFor(config.storeId()));
    }

    @PreDestroy
    void close() {
        if (store != null) {
            store.close();
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
}
