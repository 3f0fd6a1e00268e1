package org.jesdb.ejb.config;

/** What this node is: a single node, a member of a cluster, or a gateway that holds no data. */
public enum DbType {
    SINGLE, CLUSTER, GATEWAY
}
