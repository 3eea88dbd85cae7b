#!/usr/bin/env bash
# Longest pause a client sees during a BGSAVE of N keys (default 1M), against
# the pause it sees with nothing running, on Troupe (bin/troupe-server) and,
# for reference, a real redis-server (which forks).
#
# Loads N string keys `key:%012d` with 32-byte values through `redis-cli
# --pipe`, then runs bench/pause_probe.py: a client doing GET in a loop
# (one request in flight) for ROUNDS rounds of "idle" (IDLE seconds) and
# "bgsave" (until the BGSAVE is done). Prints the probe's lines and appends a
# summary to bench/BGSAVE.md.
#
# Usage: bench/bgsave-pause.sh
# Env:   N=1000000 ROUNDS=2 IDLE=5 PORT=21700 REDIS_PORT=21701
#        TROUPE_JAVA_OPTS="-Xmx2g -XX:+UsePerfData" (passed to bin/troupe-server,
#        which uses SerialGC unless these name a collector) SKIP_BUILD=1 SKIP_REDIS=1
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${N:-1000000}
ROUNDS=${ROUNDS:-2}
IDLE=${IDLE:-5}
PORT=${PORT:-21700}
REDIS_PORT=${REDIS_PORT:-21701}
export TROUPE_JAVA_OPTS=${TROUPE_JAVA_OPTS:-"-Xmx2g -XX:+UsePerfData"}
WORK=$(mktemp -d /tmp/troupe-bgsave.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -o -q package -DskipTests
fi

wait_up() {
  for _ in $(seq 1 300); do
    redis-cli -p "$1" echo up >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  exit 1
}

load() {
  python3 - "$N" <<'PY' | redis-cli -p "$1" --pipe >/dev/null
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
v = b'x' * 32
for i in range(n):
    k = b'key:%012d' % i
    out.write(b'*3\r\n$3\r\nSET\r\n$16\r\n%s\r\n$32\r\n%s\r\n' % (k, v))
PY
}

run() {  # name port
  echo "== $1: $(redis-cli -p "$2" dbsize) keys" | tee -a "$WORK/out"
  python3 "$ROOT/bench/pause_probe.py" "$2" --rounds "$ROUNDS" --idle "$IDLE" --keys "$N" | tee -a "$WORK/out"
}

mkdir -p "$WORK/troupe" "$WORK/redis"
"$ROOT/bin/troupe-server" --port "$PORT" --bind 127.0.0.1 --save "" --dir "$WORK/troupe" \
  > "$WORK/troupe.log" 2>&1 &
PIDS+=($!)
wait_up "$PORT"
load "$PORT"
# Steady state: the loaded keys promoted out of the young generation before measuring
# (otherwise the first young collections after the load copy them all, BGSAVE or not).
jcmd "${PIDS[0]}" GC.run >/dev/null 2>&1 || echo "(jcmd GC.run failed: the first rounds include the load's GC)"
run troupe "$PORT"
grep -E "Background saving|DB saved" "$WORK/troupe.log" | tail -3 || true

if [ -z "${SKIP_REDIS:-}" ]; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK/redis" \
    > "$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  wait_up "$REDIS_PORT"
  load "$REDIS_PORT"
  run redis "$REDIS_PORT"
fi

{
  echo
  echo "### $(date -u +%Y-%m-%d) $(git rev-parse --short HEAD), N=$N, TROUPE_JAVA_OPTS=\"$TROUPE_JAVA_OPTS\", $(nproc) cores"
  echo
  echo '```'
  cat "$WORK/out"
  echo '```'
} >> "$ROOT/bench/BGSAVE.md"
