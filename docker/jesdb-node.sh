#!/usr/bin/env bash
# Starts one JESDB node (or gateway) from its environment. It is the container's entry point,
# and DockerConfigIT runs it as a local process with the environment of docker/compose-*.yaml,
# so what the containers would do is what the test starts.
#
# The node's own settings are the README's JESDB_* variables (JESDB_DB_TYPE, JESDB_NODE_ID,
# JESDB_CLUSTER_SECRET, JESDB_ADMIN_PASSWORD, JESDB_RAFT_HOST, ...). This script adds where it listens:
#   JESDB_HTTP_ADDRESS        the HTTP listener's address          (0.0.0.0: every interface of the container)
#   JESDB_HTTP_PORT           the HTTP port                        (8080)
#                             HTTPS answers on the same address, port JESDB_HTTP_PORT + 363 (8443), with the
#                             certificate of JESDB_TLS_KEYSTORE or one the node makes in its data folder (README "TLS")
#   JESDB_HAZELCAST_ADDRESS   the address Hazelcast binds and announces (the IPv4 address of the container's host name)
#   JESDB_HAZELCAST_PORT      Hazelcast's port                     (5900)
#   JESDB_HAZELCAST_MEMBERS   host:port,... of the members, for Hazelcast's discovery (cluster, gateway)
#   JESDB_JAVA_OPTS           more JVM options, e.g. -Xmx1g
#   JESDB_JAR, JESDB_DOMAIN_TEMPLATE   the runnable jar and the domain.xml it starts from (/opt/jesdb/...)
# JESDB_DB_TYPE is taken in any case (CLUSTER is cluster), and handed to the node in lower case. Addresses are IPv4 addresses or host
# names (a host name this node binds is resolved to IPv4 with getent ahostsv4); ports are 1-65535.
# A wrong setting stops the start with a message that names it, and exit status 64. The admin's
# password stays in the environment: it is never put on the node's command line.
set -euo pipefail

die() {
  echo "jesdb-node.sh: $*" >&2
  exit 64
}

is_ipv4() {
  local IFS=. octet
  local -a octets
  [[ $1 =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] || return 1
  read -r -a octets <<< "$1"
  for octet in "${octets[@]}"; do
    ((10#$octet <= 255)) || return 1
  done
}

# RFC 1123 names; underscores too, as container and service names may hold them.
is_host_name() {
  local label='[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?'
  ((${#1} <= 253)) && [[ $1 =~ ^$label(\.$label)*$ ]]
}

# require_port NAME VALUE MIN: VALUE is a whole number from MIN to 65535.
require_port() {
  [[ $2 =~ ^[0-9]{1,5}$ ]] && ((10#$2 >= $3 && 10#$2 <= 65535)) \
    || die "$1 must be a port number from $3 to 65535, was '$2'"
}

require_host() {
  if [[ $2 =~ ^[0-9.]+$ ]]; then
    is_ipv4 "$2" || die "$1 is not an IPv4 address: '$2'"
  else
    is_host_name "$2" || die "$1 must be an IPv4 address or a host name, was '$2'"
  fi
}

# The IPv4 address this node binds for NAME: an IPv4 address as it is, a host name resolved
# (IPv4 only: Hazelcast and the listener are set up for IPv4).
bind_address() {
  local setting=$1 value=$2 resolved
  require_host "$setting" "$value"
  if is_ipv4 "$value"; then
    echo "$value"
    return
  fi
  resolved=$(getent ahostsv4 "$value" | awk 'NR == 1 { print $1 }') || true
  [[ -n $resolved ]] || die "$setting: the host name '$value' has no IPv4 address (getent ahostsv4 $value)"
  echo "$resolved"
}

# substitute TEMPLATE OUT FROM TO: writes TEMPLATE to OUT with FROM (literal text) replaced by TO,
# and fails unless FROM was in TEMPLATE exactly once and OUT holds TO and no FROM.
substitute() {
  local template=$1 out=$2 from=$3 to=$4 found pattern replacement
  found=$(grep -c -F -- "$from" "$template" || true)
  [[ $found == 1 ]] || die "$template: expected '$from' once, found it $found times; is it the domain.xml of this version?"
  pattern=$(printf '%s' "$from" | sed 's/[][\.*^$/]/\\&/g')
  replacement=$(printf '%s' "$to" | sed 's/[\/&]/\\&/g')
  sed "s/$pattern/$replacement/" "$template" > "$out"
  grep -q -F -- "$to" "$out" || die "$out: replacing '$from' with '$to' left no '$to'"
  [[ $from == "$to" ]] || ! grep -q -F -- "$from" "$out" || die "$out: '$from' is still there after its replacement"
}

jar=${JESDB_JAR:-/opt/jesdb/jesdb.jar}
template=${JESDB_DOMAIN_TEMPLATE:-/opt/jesdb/domain.xml}
http_port=${JESDB_HTTP_PORT:-8080}
require_port JESDB_HTTP_PORT "$http_port" 1
http_address=$(bind_address JESDB_HTTP_ADDRESS "${JESDB_HTTP_ADDRESS:-0.0.0.0}")
db_type=${JESDB_DB_TYPE:-single}
db_type=${db_type//[[:space:]]/}
db_type=${db_type,,} # the node takes any case too: Cluster, CLUSTER and cluster are one type
case $db_type in
  single | cluster | gateway) export JESDB_DB_TYPE=$db_type ;;
  *) die "JESDB_DB_TYPE must be single, cluster or gateway, was '$JESDB_DB_TYPE'" ;;
esac
if [[ -n ${JESDB_RAFT_PORT:-} ]]; then
  require_port JESDB_RAFT_PORT "$JESDB_RAFT_PORT" 0 # 0: a free port, enough for one node
fi
if [[ -n ${JESDB_RAFT_HOST:-} ]]; then
  require_host JESDB_RAFT_HOST "$JESDB_RAFT_HOST" # the others dial it: resolved where they are
fi
[[ -f $template ]] || die "JESDB_DOMAIN_TEMPLATE: no file '$template'"
# The node refuses these too, but only after Payara has started: said here at once.
if [[ -n ${JESDB_ADMIN_PASSWORD:-} ]] && ((${#JESDB_ADMIN_PASSWORD} < 12)); then
  die "JESDB_ADMIN_PASSWORD must be at least 12 characters"
fi
security=${JESDB_SECURITY:-on}
security=${security//[[:space:]]/}
security=${security,,}

# The domain's HTTP and HTTPS listeners bind 127.0.0.1; a container answers on its interfaces instead.
# (The HTTPS port in domain.xml stays: the jar's launcher gives Payara --sslport.)
work=$(mktemp -d "${TMPDIR:-/tmp}/jesdb-node.XXXXXX")
trap 'rm -rf "$work"' EXIT # until exec hands the folder to the node
substitute "$template" "$work/domain-http.xml" 'network-listener address="127.0.0.1" port="8080"' \
  "network-listener address=\"$http_address\" port=\"$http_port\""
substitute "$work/domain-http.xml" "$work/domain.xml" 'network-listener address="127.0.0.1" port="8443"' \
  "network-listener address=\"$http_address\" port=\"8443\""

args=(--port "$http_port" --domainconfig "$work/domain.xml")
if [[ $db_type == cluster || $db_type == gateway ]]; then
  [[ -n ${JESDB_CLUSTER_SECRET:-} ]] || die "a cluster member or gateway needs JESDB_CLUSTER_SECRET"
  [[ -n ${JESDB_HAZELCAST_MEMBERS:-} ]] || die "a cluster member or gateway needs JESDB_HAZELCAST_MEMBERS (host:port,...)"
  IFS=, read -r -a members <<< "$JESDB_HAZELCAST_MEMBERS"
  for member in "${members[@]}"; do
    # The members are not resolved here: their containers may not have started yet.
    [[ $member == *:* ]] || die "JESDB_HAZELCAST_MEMBERS must be host:port,..., was '$JESDB_HAZELCAST_MEMBERS'"
    require_host "JESDB_HAZELCAST_MEMBERS ($member)" "${member%:*}"
    require_port "JESDB_HAZELCAST_MEMBERS ($member)" "${member##*:}" 1
  done
  hz_port=${JESDB_HAZELCAST_PORT:-5900}
  require_port JESDB_HAZELCAST_PORT "$hz_port" 1
  hz_address=$(bind_address JESDB_HAZELCAST_ADDRESS "${JESDB_HAZELCAST_ADDRESS:-$(hostname)}")
  # Hazelcast's cluster name comes from the secret: a node with another secret never joins.
  name="jesdb-$(printf %s "$JESDB_CLUSTER_SECRET" | sha256sum | cut -c1-16)"
  # Payara's DNS discovery, not its TCP member list: Hazelcast's TCP join skips every member
  # given by a host name that resolves outside --interfaces, which is every other member in
  # compose and Kubernetes. The DNS discovery resolves the names again at each round, so a
  # member that starts later, or comes back with another address, is still found.
  args+=(--interfaces "$hz_address" --startport "$hz_port"
         --clustermode "dns:$JESDB_HAZELCAST_MEMBERS" --clustername "$name")
  # Security is on by default, and a member cannot make the admin's password itself (a single
  # node writes one into its data folder): each must be given the same one.
  if [[ $db_type == cluster && $security != off && -z ${JESDB_ADMIN_PASSWORD:-} ]]; then
    die "a cluster member needs JESDB_ADMIN_PASSWORD (at least 12 characters), the same on every member"
  fi
fi

# Hazelcast phones home unless every JVM that runs it is told not to.
# shellcheck disable=SC2086 # JESDB_JAVA_OPTS holds several options
exec java -Dhazelcast.phone.home.enabled=false ${JESDB_JAVA_OPTS:-} -jar "$jar" "${args[@]}"
