#!/usr/bin/env bash
# Runs a JESDB cluster on this machine, on 127.0.0.1, from the runnable jar (build it first:
# mvn -B -ntp -DskipTests package). Everything lives under ./cluster (or $JESDB_CLUSTER_HOME).
#
#   scripts/local-cluster.sh start [N]     start N nodes (3 or 5; default 3) and wait until each is ready
#   scripts/local-cluster.sh status        each node's pid, role and leader
#   scripts/local-cluster.sh stop          stop every node (SIGTERM)
#   scripts/local-cluster.sh kill I        SIGKILL node I (1..N)
#   scripts/local-cluster.sh pause I       SIGSTOP node I;  resume I: SIGCONT
#   scripts/local-cluster.sh restart I     start node I again on its data
#   scripts/local-cluster.sh add I         start a new node I (up to 9) and add it to the running group
#   scripts/local-cluster.sh remove I      remove node I from the group, stop it and delete its data
#   scripts/local-cluster.sh view          the cluster view (GET /api/cluster) as the leader sees it
#   scripts/local-cluster.sh gateway G     start gateway G (1..9): no data, forwards /api to the nodes
#   scripts/local-cluster.sh chaos [S]     S seconds (default 60) of load while random nodes are killed,
#                                          paused or cut off, then a verdict on the history
#   scripts/local-cluster.sh cut I         cut node I off from the others (namespace mode); heal I: back
#   scripts/local-cluster.sh skew I MS     move node I's wall clock MS milliseconds (negative: back; 0: true
#                                          time) while it runs (skew mode)
#
# JESDB_CLUSTER_NETNS=1 with start runs each node in a network namespace of its own (needs root
# and iproute2), Raft and Hazelcast on a bridge (10.215.0.I), so that cut and chaos can cut links;
# HTTP stays on 127.0.0.1:(8080+I) through a forwarder. stop removes the namespaces.
#
# JESDB_CLUSTER_SKEW=1 with start runs each node under scripts/clockskew.c (built with gcc into the
# cluster's folder), so that skew and chaos can move a node's wall clock; the monotonic clock stays
# true, as on a machine whose clock NTP steps.
#
# Security is on (the default): every member starts with JESDB_ADMIN_PASSWORD, the password of
# the user admin, kept in the cluster's folder in admin-password (owner-only). It is made once at
# random from /dev/urandom, or taken from $JESDB_ADMIN_PASSWORD at the cluster's first start; the
# nodes read it from their environment, never from a command line. The script's own API calls
# (view, add, remove) sign in as $JESDB_USER with $JESDB_PASSWORD when set, else as admin with that
# file: after changing the admin's password (PUT /api/users/admin), set those or update the file.
#
# Node I answers HTTP on 127.0.0.1:(8080+I), Hazelcast on 5900+I, Raft on 7000+I; gateway G
# answers HTTP on 8090+G, Hazelcast on 5990+G. The chaos tool and the namespace mode's HTTP
# forwarders need chaos/ built (mvn -B -ntp -DskipTests package builds it).
set -euo pipefail

HOME_DIR=${JESDB_CLUSTER_HOME:-$PWD/cluster}
REPO=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JESDB_JAR:-$REPO/web/target/jesdb.jar}
CHAOS_JAR=${JESDB_CHAOS_JAR:-$REPO/chaos/target/jesdb-chaos.jar}
mkdir -p "$HOME_DIR"

secret() {
  if [[ -n "${JESDB_CLUSTER_SECRET:-}" ]]; then
    printf %s "$JESDB_CLUSTER_SECRET"
  elif [[ -f "$HOME_DIR/secret" ]]; then
    cat "$HOME_DIR/secret"
  else
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 32 > "$HOME_DIR/secret")
    cat "$HOME_DIR/secret"
  fi
}

# The admin's password: written once (owner-only), then always read back, so that a member
# restarted later (by hand or by the chaos tool, without the variable) starts with the same one; a
# cluster member refuses to start without it.
admin_password() {
  local file="$HOME_DIR/admin-password"
  if [[ ! -f "$file" ]]; then
    if [[ -n "${JESDB_ADMIN_PASSWORD:-}" ]]; then
      ((${#JESDB_ADMIN_PASSWORD} >= 12)) || { echo "JESDB_ADMIN_PASSWORD must be at least 12 characters" >&2; return 1; }
      (umask 077 && printf %s "$JESDB_ADMIN_PASSWORD" > "$file.next")
    else
      (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 32 > "$file.next")
    fi
    mv -f "$file.next" "$file"
  fi
  cat "$file"
}

# curl signed in (HTTP Basic). The credentials go through curl's config on stdin, not its
# command line, where every user of the machine could read them.
api_curl() {
  local user=${JESDB_USER:-admin} password
  if [[ -n "${JESDB_PASSWORD:-}" ]]; then password=$JESDB_PASSWORD; else password=$(admin_password); fi
  password=${password//\\/\\\\}
  password=${password//\"/\\\"}
  curl -K - "$@" <<< "user = \"$user:$password\""
}

size() { cat "$HOME_DIR/size" 2>/dev/null || echo 3; }

members() {
  local n=$1 list="" i
  for ((i = 1; i <= n; i++)); do
    if netns_mode; then list+="${list:+,}10.215.0.$i:5900"; else list+="${list:+,}127.0.0.1:$((5900 + i))"; fi
  done
  echo "$list"
}

# ---- skew mode: node I's wall clock is moved by the offset in node-I/clock-skew-ms ----
skew_mode() { [[ -f "$HOME_DIR/clockskew.so" ]]; }

# Written aside and moved over, so that a node never reads a half-written number.
set_skew() {
  local i=$1 ms=$2
  printf %s "$ms" > "$HOME_DIR/node-$i/clock-skew-ms.next"
  mv -f "$HOME_DIR/node-$i/clock-skew-ms.next" "$HOME_DIR/node-$i/clock-skew-ms"
}

# ---- namespace mode: each node in a network namespace, links on a bridge that can be cut ----
netns_mode() { [[ -f "$HOME_DIR/netns" ]]; }
tag() { printf %s "$HOME_DIR" | sha256sum | cut -c1-4; }

# Node I's namespace: a cluster link on the bridge (10.215.0.I) and a link to the host
# (10.216.I.2, the host being 10.216.I.1) where its HTTP listens. Made once, kept until stop.
netns_up() {
  local i=$1 t ns
  t=$(tag); ns="jl${t}n$i"
  if ! ip link show "jl${t}b" > /dev/null 2>&1; then
    ip link add "jl${t}b" type bridge && ip link set "jl${t}b" up
  fi
  ip netns list | grep -qw "$ns" && return 0
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  ip link add "jl${t}c$i" type veth peer name "jl${t}p$i"
  ip link set "jl${t}p$i" netns "$ns"
  ip link set "jl${t}c$i" master "jl${t}b"
  ip link set "jl${t}c$i" up
  ip netns exec "$ns" ip addr add "10.215.0.$i/24" dev "jl${t}p$i"
  ip netns exec "$ns" ip link set "jl${t}p$i" up
  ip link add "jl${t}t$i" type veth peer name "jl${t}q$i"
  ip link set "jl${t}q$i" netns "$ns"
  ip addr add "10.216.$i.1/30" dev "jl${t}t$i"
  ip link set "jl${t}t$i" up
  ip netns exec "$ns" ip addr add "10.216.$i.2/30" dev "jl${t}q$i"
  ip netns exec "$ns" ip link set "jl${t}q$i" up
}

netns_down() {
  local t i
  t=$(tag)
  for i in $(nodes); do
    ip netns del "jl${t}n$i" 2> /dev/null || true
    ip link del "jl${t}c$i" 2> /dev/null || true
    ip link del "jl${t}t$i" 2> /dev/null || true
  done
  ip link del "jl${t}b" 2> /dev/null || true
}

# The host's 127.0.0.1:(8080+I) forwarded to node I's HTTP in its namespace.
start_forwarder() {
  local i=$1 pid
  pid=$(cat "$HOME_DIR/node-$i/forwarder.pid" 2> /dev/null || true)
  [[ -n "$pid" ]] && alive "$pid" && return 0
  java -cp "$CHAOS_JAR" org.jesdb.chaos.TcpForwarder 127.0.0.1 $((8080 + i)) "10.216.$i.2" 8080 \
    > "$HOME_DIR/node-$i/forwarder.log" 2>&1 < /dev/null &
  echo $! > "$HOME_DIR/node-$i/forwarder.pid"
}

start_node() {
  local i=$1 n secret name admin
  n=$(size)
  secret=$(secret)
  admin=$(admin_password)
  # Payara's Hazelcast cluster name comes from the secret: a node with another secret never joins.
  name="jesdb-$(printf %s "$secret" | sha256sum | cut -c1-16)"
  mkdir -p "$HOME_DIR/node-$i"
  # skew mode: the wall clock is read through clockskew.so, its offset from node-I/clock-skew-ms.
  local skewed=()
  if skew_mode; then
    skewed=(env LD_PRELOAD="$HOME_DIR/clockskew.so" JESDB_CLOCK_SKEW_FILE="$HOME_DIR/node-$i/clock-skew-ms")
  fi
  if netns_mode; then
    netns_up "$i"
    # Its HTTP listens on its host link; the host reaches it on 127.0.0.1 through a forwarder.
    sed "s/network-listener address=\"127.0.0.1\" port=\"8080\"/network-listener address=\"10.216.$i.2\" port=\"8080\"/" \
      "$REPO/domain-config/domain.xml" > "$HOME_DIR/node-$i/domain.xml"
    start_forwarder "$i"
  fi
  (
    cd "$HOME_DIR/node-$i"
    export JESDB_DB_TYPE=cluster JESDB_NODE_ID="node-$i" JESDB_CLUSTER_SIZE="$n" JESDB_CLUSTER_SECRET="$secret" \
      JESDB_DATA_DIR="$HOME_DIR/node-$i/data" JESDB_ADMIN_PASSWORD="$admin"
    # exec: the pid file holds the JVM's pid, and nothing keeps this script's output open.
    if netns_mode; then
      export JESDB_RAFT_HOST="10.215.0.$i" JESDB_RAFT_PORT=7000
      exec ip netns exec "jl$(tag)n$i" "${skewed[@]}" java -Dhazelcast.phone.home.enabled=false -Xmx512m -jar "$JAR" \
        --port 8080 --startport 5900 --interfaces "10.215.0.$i" --domainconfig "$HOME_DIR/node-$i/domain.xml" \
        --clustermode "tcpip:$(members "$n")" --clustername "$name" > "$HOME_DIR/node-$i/node.log" 2>&1 < /dev/null
    fi
    export JESDB_RAFT_PORT=$((7000 + i))
    exec "${skewed[@]}" java -Dhazelcast.phone.home.enabled=false -Xmx512m -jar "$JAR" \
      --port $((8080 + i)) --startport $((5900 + i)) --clustermode "tcpip:$(members "$n")" --clustername "$name" \
      > "$HOME_DIR/node-$i/node.log" 2>&1 < /dev/null
  ) &
  echo $! > "$HOME_DIR/node-$i/pid"
  echo "node-$i started, pid $(cat "$HOME_DIR/node-$i/pid"), http://127.0.0.1:$((8080 + i))"
}

start_gateway() {
  local g=$1 secret name
  secret=$(secret)
  name="jesdb-$(printf %s "$secret" | sha256sum | cut -c1-16)"
  mkdir -p "$HOME_DIR/gateway-$g"
  (
    cd "$HOME_DIR/gateway-$g"
    export JESDB_DB_TYPE=gateway JESDB_NODE_ID="gateway-$g" JESDB_CLUSTER_SECRET="$secret" \
      JESDB_DATA_DIR="$HOME_DIR/gateway-$g/data"
    exec java -Dhazelcast.phone.home.enabled=false -Xmx512m -jar "$JAR" \
      --port $((8090 + g)) --startport $((5990 + g)) --clustermode "tcpip:$(members "$(size)")" --clustername "$name" \
      > "$HOME_DIR/gateway-$g/node.log" 2>&1 < /dev/null
  ) &
  echo $! > "$HOME_DIR/gateway-$g/pid"
  echo "gateway-$g started, pid $(cat "$HOME_DIR/gateway-$g/pid"), http://127.0.0.1:$((8090 + g))"
}

await_ready() {
  local i=$1 tries=0
  until curl -sf -m 5 "http://127.0.0.1:$((8080 + i))/health/ready" > /dev/null; do
    tries=$((tries + 1))
    if ((tries > 180)); then echo "node-$i is not ready after 180 s; see $HOME_DIR/node-$i/node.log" >&2; return 1; fi
    sleep 1
  done
  echo "node-$i ready"
}

# The nodes this home holds: node-1..node-N and any added since.
nodes() { local d; for d in "$HOME_DIR"/node-*; do [[ -d "$d" ]] && echo "${d##*-}"; done | sort -n; }

# Any running node other than $1, to ask for a change.
other_node() {
  local i
  for i in $(nodes); do
    if [[ "$i" != "${1:-}" ]] && running "$i"; then echo "$i"; return; fi
  done
  echo "no running node to ask" >&2; return 1
}

pid_of() { cat "$HOME_DIR/node-${1:?which node (1..N)?}/pid"; }

# Alive and not a zombie (a JVM whose parent, this script, is gone may stay a zombie until
# PID 1 reaps it, and kill -0 still succeeds on it).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null | tr -d ' ') || return 1
  [[ -n "$state" && "$state" != Z* ]]
}

# SIGCONT (a paused JVM cannot act on SIGTERM), SIGTERM, up to 30 s, then SIGKILL.
stop_pid() {
  local pid=$1 t
  kill -CONT "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((t = 0; t < 150; t++)); do alive "$pid" || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

# The node that leads now (its matchIndex and lag are the true ones), or any running node.
leader_node() {
  local i leader
  i=$(other_node) || return 1
  leader=$(api_curl -s -m 5 "http://127.0.0.1:$((8080 + i))/api/cluster" | sed -n 's/.*"leader":"node-\([0-9]\)".*/\1/p')
  if [[ -n "$leader" ]] && running "$leader"; then echo "$leader"; else echo "$i"; fi
}

running() { local pid; pid=$(pid_of "$1" 2>/dev/null) && alive "$pid"; }

case "${1:-}" in
  start)
    n=${2:-3}
    [[ "$n" == 3 || "$n" == 5 ]] || { echo "start takes 3 or 5 nodes" >&2; exit 2; }
    if [[ -f "$HOME_DIR/size" && "$(size)" != "$n" ]]; then
      echo "$HOME_DIR holds a cluster of $(size); use another JESDB_CLUSTER_HOME, or remove it" >&2; exit 2
    fi
    for ((i = 1; i <= n; i++)); do
      if running "$i"; then echo "node-$i is running already (stop first)" >&2; exit 2; fi
    done
    echo "$n" > "$HOME_DIR/size"
    if [[ -n "${JESDB_CLUSTER_NETNS:-}" ]]; then
      [[ "$(id -u)" == 0 ]] || { echo "JESDB_CLUSTER_NETNS needs root (network namespaces)" >&2; exit 2; }
      [[ -f "$CHAOS_JAR" ]] || { echo "build chaos/ first: $CHAOS_JAR is missing" >&2; exit 2; }
      touch "$HOME_DIR/netns"
    fi
    if [[ -n "${JESDB_CLUSTER_SKEW:-}" ]]; then
      command -v gcc > /dev/null || { echo "JESDB_CLUSTER_SKEW needs gcc (apt-get install gcc)" >&2; exit 2; }
      gcc -Wall -Wextra -Werror -O2 -shared -fPIC -o "$HOME_DIR/clockskew.so" "$REPO/scripts/clockskew.c" -ldl
    else
      rm -f "$HOME_DIR/clockskew.so"
    fi
    admin_password > /dev/null # made before the members start, so that they all get the same
    for ((i = 1; i <= n; i++)); do start_node "$i"; done
    for ((i = 1; i <= n; i++)); do await_ready "$i"; done
    "$0" status
    echo "sign in as admin with the password in $HOME_DIR/admin-password (readable by you only), e.g."
    echo "  curl -u \"admin:\$(cat $HOME_DIR/admin-password)\" http://127.0.0.1:8081/api/cluster"
    echo "  JESDB_USER=admin JESDB_PASSWORD=\"\$(cat $HOME_DIR/admin-password)\" scripts/jesdb --node http://127.0.0.1:8081 cluster status" ;;
  status)
    for i in $(nodes); do
      pid=$(pid_of "$i" 2>/dev/null || echo -)
      state=$(ps -o stat= -p "$pid" 2>/dev/null | tr -d ' ' || true)
      [[ "$state" == Z* ]] && state=""   # exited, not yet reaped
      health=$(curl -s -m 2 "http://127.0.0.1:$((8080 + i))/health/ready" || true)
      role=$(sed -n 's/.*"role":"\([A-Z]*\)".*/\1/p' <<< "$health")
      leader=$(sed -n 's/.*"leader":"\([^"]*\)".*/\1/p' <<< "$health")
      echo "node-$i pid=$pid state=${state:-gone} role=${role:-?} leader=${leader:-?} http=127.0.0.1:$((8080 + i))"
    done ;;
  stop)
    pids=()
    for i in $(nodes); do pids+=("$(pid_of "$i" 2>/dev/null || true)"); done
    for f in "$HOME_DIR"/gateway-*/pid; do [[ -f "$f" ]] && pids+=("$(cat "$f")"); done
    for f in "$HOME_DIR"/node-*/forwarder.pid; do [[ -f "$f" ]] && pids+=("$(cat "$f")"); done
    for pid in "${pids[@]}"; do [[ -n "$pid" ]] && stop_pid "$pid"; done
    if netns_mode; then netns_down; fi
    echo "stopped" ;;
  cut | heal)
    netns_mode || { echo "$1 needs the namespace mode (JESDB_CLUSTER_NETNS=1 with start)" >&2; exit 2; }
    i=${2:?which node?}
    if [[ "$1" == cut ]]; then
      ip link set "jl$(tag)c$i" down && echo "node-$i cut off"
    else
      ip link set "jl$(tag)c$i" up && echo "node-$i healed"
    fi ;;
  kill)
    pid=$(pid_of "${2:-}")
    kill -9 "$pid"
    for ((t = 0; t < 50; t++)); do alive "$pid" || break; sleep 0.2; done
    echo "node-$2 killed" ;;
  skew)
    skew_mode || { echo "skew needs the skew mode (JESDB_CLUSTER_SKEW=1 with start)" >&2; exit 2; }
    i=${2:?which node?}
    ms=${3:?how many milliseconds?}
    [[ -d "$HOME_DIR/node-$i" ]] || { echo "there is no node-$i" >&2; exit 2; }
    [[ "$ms" =~ ^-?[0-9]{1,8}$ ]] || { echo "skew takes milliseconds, -99999999..99999999" >&2; exit 2; }
    set_skew "$i" "$ms"
    echo "node-$i clock moved ${ms} ms" ;;
  pause) kill -STOP "$(pid_of "${2:-}")" && echo "node-$2 paused" ;;
  resume) kill -CONT "$(pid_of "${2:-}")" && echo "node-$2 resumed" ;;
  restart)
    if running "${2:?which node?}"; then echo "node-$2 is running; kill or stop it first" >&2; exit 2; fi
    start_node "$2" && await_ready "$2" ;;
  add)
    i=${2:?which node (a number up to 9)?}
    [[ "$i" =~ ^[1-9]$ ]] || { echo "add takes a node number 1..9" >&2; exit 2; }
    if [[ -d "$HOME_DIR/node-$i" ]]; then echo "node-$i exists; use restart, or remove it first" >&2; exit 2; fi
    asked=$(other_node "$i")
    start_node "$i"
    # It waits in Hazelcast until a member adds it; the call answers once it holds the data.
    seen=""
    for ((t = 0; t < 180; t++)); do
      if api_curl -s -m 5 "http://127.0.0.1:$((8080 + asked))/api/cluster" | grep -q "\"waiting\":\[[^]]*\"node-$i\""; then
        seen=yes; break
      fi
      sleep 1
    done
    answer=""
    if [[ -n "$seen" ]]; then
      answer=$(api_curl -s -m 700 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' -d "{\"id\":\"node-$i\"}" \
        "http://127.0.0.1:$((8080 + asked))/api/cluster/members")
    fi
    if [[ "${answer##*$'\n'}" != 200 ]]; then
      echo "adding node-$i failed: ${seen:+${answer%$'\n'*}}${seen:-it never showed as waiting in the cluster view}" >&2
      echo "(its log: $HOME_DIR/node-$i/node.log; the node is stopped and its folder kept for a look)" >&2
      stop_pid "$(pid_of "$i")"
      mv "$HOME_DIR/node-$i" "$HOME_DIR/failed-node-$i.$(date +%s)"
      exit 1
    fi
    await_ready "$i"
    "$0" status ;;
  remove)
    i=${2:?which node?}
    asked=$(other_node "$i")
    answer=$(api_curl -s -m 60 -w '\n%{http_code}' -X DELETE "http://127.0.0.1:$((8080 + asked))/api/cluster/members/node-$i")
    code=${answer##*$'\n'}
    if [[ "$code" == 404 ]]; then
      echo "node-$i is not a member (removed already?): stopping it and deleting its data"
    elif [[ "$code" != 200 ]]; then
      echo "removing node-$i failed (HTTP $code): ${answer%$'\n'*}" >&2; exit 1
    fi
    pid=$(pid_of "$i" 2>/dev/null || true)
    [[ -n "$pid" ]] && stop_pid "$pid"
    # A removed member's data must not come back as a member: it is deleted.
    rm -rf "${HOME_DIR:?}/node-$i"
    echo "node-$i removed" ;;
  gateway)
    if netns_mode; then echo "gateways are not run in the namespace mode" >&2; exit 2; fi
    g=${2:?which gateway (1..9)?}
    [[ "$g" =~ ^[1-9]$ ]] || { echo "gateway takes a number 1..9" >&2; exit 2; }
    start_gateway "$g"
    for ((t = 0; t < 180; t++)); do
      curl -sf "http://127.0.0.1:$((8090 + g))/health/ready" > /dev/null && { echo "gateway-$g ready"; exit 0; }
      sleep 1
    done
    echo "gateway-$g is not ready after 180 s; see $HOME_DIR/gateway-$g/node.log" >&2; exit 1 ;;
  chaos)
    exec java -jar "$CHAOS_JAR" --home "$HOME_DIR" --script "$0" --duration "${2:-60}" ;;
  view)
    api_curl -s -m 10 "http://127.0.0.1:$((8080 + $(leader_node)))/api/cluster"; echo ;;
  *) sed -n '2,38p' "$0"; exit 2 ;;
esac
