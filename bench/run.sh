#!/usr/bin/env bash
# Runs JESDB's benchmark: builds what is missing, makes sure PostgreSQL (the peer) is installed,
# then starts the harness. All arguments go to the harness; `bench/run.sh --help` lists them.
#   bench/run.sh                      # the full run (about 13 minutes on 2 cores)
#   bench/run.sh --quick              # a smoke run (about 6 minutes)
#   bench/run.sh --write-results      # also writes the results into BENCHMARKS.md
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
HARNESS_JAR="$BENCH_DIR/target/jesdb-bench.jar"
NODE_JAR="$REPO/web/target/jesdb.jar"

command -v java >/dev/null || { echo "run.sh: java (17 or later) is needed" >&2; exit 1; }

# Build when a jar is missing or older than the sources (set JESDB_BENCH_NO_BUILD=1 to skip).
needs_build() {
  [[ ! -f "$HARNESS_JAR" || ! -f "$NODE_JAR" ]] && return 0
  [[ -n "$(find "$REPO/bench/src" "$REPO/store/src/main" "$REPO/bench/pom.xml" -newer "$HARNESS_JAR" -type f -print -quit)" ]] && return 0
  [[ -n "$(find "$REPO/store/src/main" "$REPO/ejb/src/main" "$REPO/web/src/main" "$REPO/domain-config" -newer "$NODE_JAR" -type f -print -quit)" ]] && return 0
  return 1
}
if [[ "${JESDB_BENCH_NO_BUILD:-0}" != 1 ]] && needs_build; then
  command -v mvn >/dev/null || { echo "run.sh: mvn is needed to build JESDB" >&2; exit 1; }
  echo "run.sh: building the node and the harness (mvn -q install -DskipTests -pl bench,web -am)"
  (cd "$REPO" && mvn -q install -DskipTests -pl bench,web -am)
fi

# The peer: Debian's PostgreSQL. Installed only when no server binaries are found.
pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return; fi
}
PG_ARGS=()
wants_postgres=1
for arg in "$@"; do
  case "$arg" in
    --targets=*) [[ "$arg" == *postgres* ]] || wants_postgres=0 ;;
    --pg-bin|--pg-bin=*) wants_postgres=0 ;;  # the user chose the binaries: nothing to find or install
  esac
done
prev=""
for arg in "$@"; do
  [[ "$prev" == "--targets" && "$arg" != *postgres* ]] && wants_postgres=0
  prev="$arg"
done
if [[ "$wants_postgres" == 1 ]]; then
  PG_BIN="$(pg_bin)"
  if [[ -z "$PG_BIN" ]]; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
      echo "run.sh: installing PostgreSQL (apt-get install -y postgresql) for the peer"
      if ! (DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null \
            || (apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null)); then
        echo "run.sh: PostgreSQL could not be installed; the harness reports JESDB without the peer" >&2
      fi
      # Debian's package starts a cluster of its own; the benchmark uses its own, so stop that one.
      if command -v pg_ctlcluster >/dev/null; then
        for cluster in $(pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}'); do
          pg_ctlcluster "${cluster%/*}" "${cluster#*/}" stop 2>/dev/null || true
        done
      fi
      PG_BIN="$(pg_bin)"
    else
      echo "run.sh: no PostgreSQL binaries, and no root apt-get to install them; the harness reports JESDB without the peer" >&2
    fi
  fi
  [[ -n "$PG_BIN" ]] && PG_ARGS=(--pg-bin "$PG_BIN")
fi

cd "$REPO"
# Xodus reaches into java.nio internals; Hazelcast must not phone home.
exec java \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
  -Dhazelcast.phone.home.enabled=false \
  -Xms4g -Xmx4g ${JESDB_BENCH_JAVA_OPTS:-} \
  -jar "$HARNESS_JAR" --repo "$REPO" --invoked-as "bench/run.sh${*:+ $*}" ${PG_ARGS[@]+"${PG_ARGS[@]}"} "$@"
