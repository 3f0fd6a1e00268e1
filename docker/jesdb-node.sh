#!/usr/bin/env bash
# Starts one JESDB node (or gateway) from its environment. It is the container's entry point,
# and DockerConfigIT runs it as a local process with the environment of docker/compose-*.yaml,
# so what the containers would do is what the test starts.
#
# The node's own settings are the README's JESDB_* variables (JESDB_DB_TYPE, JESDB_NODE_ID,
# JESDB_CLUSTER_SECRET, JESDB_RAFT_HOST, ...). This script adds where it listens:
#   JESDB_HTTP_ADDRESS        the HTTP listener's address          (0.0.0.0: every interface of the container)
#   JESDB_HTTP_PORT           the HTTP port                        (8080)
#   JESDB_HAZELCAST_ADDRESS   the address Hazelcast binds and announces (the container's first address)
#   JESDB_HAZELCAST_PORT      Hazelcast's port                     (5900)
#   JESDB_HAZELCAST_MEMBERS   host:port,... of the members, for Hazelcast's TCP discovery (cluster, gateway)
#   JESDB_JAVA_OPTS           more JVM options, e.g. -Xmx1g
#   JESDB_JAR, JESDB_DOMAIN_TEMPLATE   the runnable jar and the domain.xml it starts from (/opt/jesdb/...)
set -euo pipefail

jar=${JESDB_JAR:-/opt/jesdb/jesdb.jar}
template=${JESDB_DOMAIN_TEMPLATE:-/opt/jesdb/domain.xml}
http_address=${JESDB_HTTP_ADDRESS:-0.0.0.0}
http_port=${JESDB_HTTP_PORT:-8080}
db_type=${JESDB_DB_TYPE:-single}

# The domain's HTTP listener binds 127.0.0.1; a container answers on its interfaces instead.
work=$(mktemp -d "${TMPDIR:-/tmp}/jesdb-node.XXXXXX")
sed "s/network-listener address=\"127.0.0.1\" port=\"8080\"/network-listener address=\"$http_address\" port=\"$http_port\"/" \
  "$template" > "$work/domain.xml"

args=(--port "$http_port" --domainconfig "$work/domain.xml")
if [[ "$db_type" == cluster || "$db_type" == gateway ]]; then
  : "${JESDB_CLUSTER_SECRET:?a cluster member or gateway needs JESDB_CLUSTER_SECRET}"
  : "${JESDB_HAZELCAST_MEMBERS:?a cluster member or gateway needs JESDB_HAZELCAST_MEMBERS (host:port,...)}"
  hz_address=${JESDB_HAZELCAST_ADDRESS:-$(hostname -i | cut -d' ' -f1)}
  # Hazelcast's cluster name comes from the secret: a node with another secret never joins.
  name="jesdb-$(printf %s "$JESDB_CLUSTER_SECRET" | sha256sum | cut -c1-16)"
  args+=(--interfaces "$hz_address" --startport "${JESDB_HAZELCAST_PORT:-5900}"
         --clustermode "tcpip:$JESDB_HAZELCAST_MEMBERS" --clustername "$name")
fi

# Hazelcast phones home unless every JVM that runs it is told not to.
# shellcheck disable=SC2086 # JESDB_JAVA_OPTS holds several options
exec java -Dhazelcast.phone.home.enabled=false ${JESDB_JAVA_OPTS:-} -jar "$jar" "${args[@]}"
