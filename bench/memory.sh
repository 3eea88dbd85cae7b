#!/usr/bin/env bash
# Memory per element: a real redis-server and Troupe side by side.
#
# For each data set (1M string keys of 16 bytes with 32-byte values; a hash,
# a set and a sorted set of 1M elements), starts a fresh redis-server and a
# fresh Troupe on free loopback ports, measures, loads the data with
# `redis-cli --pipe`, measures again, and writes the deltas per element to
# bench/MEMORY.md:
#   redis:  INFO used_memory delta and RSS delta
#   troupe: live Java heap delta after a full GC (jstat, the counterpart of
#           used_memory while Troupe's INFO memory section does not exist)
#           and RSS delta
# A data set whose command Troupe does not know yet is skipped.
#
# Usage: bench/memory.sh [types...]     (default: string hash set zset)
# Env:   N=1000000  TROUPE_JAVA_OPTS="-Xmx4g"  REDIS_SERVER=redis-server
#        SKIP_BUILD=1 to use target/ as it is.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${N:-1000000}
TYPES=("$@")
[ ${#TYPES[@]} -eq 0 ] && TYPES=(string hash set zset)
REDIS_SERVER=${REDIS_SERVER:-redis-server}
TROUPE_JAVA_OPTS=${TROUPE_JAVA_OPTS:-"-Xmx4g -XX:+UsePerfData"}  # jstat needs perf data, which the launcher turns off
export TROUPE_JAVA_OPTS
OUT="$ROOT/bench/MEMORY.md"
WORK=$(mktemp -d /tmp/troupe-memory.XXXXXX)
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

troupe_cmd() {
  if [ -x "$ROOT/bin/troupe-server" ]; then
    echo "$ROOT/bin/troupe-server"
  else
    echo "java $TROUPE_JAVA_OPTS -cp $ROOT/target/classes:$ROOT/target/lib/* io.troupe.server.Main"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

rss_kb() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

wait_ping() {
  for _ in $(seq 1 200); do
    if [ "$(redis-cli -p "$1" ping 2>/dev/null)" = "PONG" ]; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not answer" >&2
  return 1
}

redis_used() {
  redis-cli -p "$1" info memory | tr -d '\r' | awk -F: '/^used_memory:/ {print $2}'
}

# Live heap bytes of a JVM after a full GC: survivor + eden + old used (KB) from jstat.
jvm_live() {
  jcmd "$1" GC.run >/dev/null
  sleep 0.5
  jstat -gc "$1" | awk 'NR==1 {for (i=1;i<=NF;i++) col[$i]=i} NR==2 {printf "%.0f\n", ($col["S0U"]+$col["S1U"]+$col["EU"]+$col["OU"])*1024}'
}

# The RESP of the load for one data set, generated once per type.
generate() {
  local type=$1 file=$2
  python3 - "$type" "$N" "$file" <<'EOF'
import sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def cmd(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(parts)
value32 = b"v" * 32
with open(path, "wb") as f:
    batch = []
    for i in range(n):
        member = b"key:%012d" % i          # 16 bytes
        if kind == "string":
            batch.append(cmd(b"SET", member, value32))
        elif kind == "hash":
            batch.append(cmd(b"HSET", b"bighash", member, b"val:%04d" % (i % 10000)))
        elif kind == "set":
            batch.append(cmd(b"SADD", b"bigset", member))
        elif kind == "zset":
            batch.append(cmd(b"ZADD", b"bigzset", b"%d" % i, member))
        if len(batch) == 10000:
            f.write(b"".join(batch)); batch = []
    f.write(b"".join(batch))
EOF
}

probe_cmd() {
  case $1 in
    string) echo "SET __probe__ x" ;;
    hash) echo "HSET __probe__ f v" ;;
    set) echo "SADD __probe__ m" ;;
    zset) echo "ZADD __probe__ 1 m" ;;
  esac
}

declare -A RESULT
for type in "${TYPES[@]}"; do
  rport=$(free_port)
  tport=$(free_port)
  while [ "$tport" = "$rport" ]; do tport=$(free_port); done
  "$REDIS_SERVER" --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --logfile "$WORK/redis.log" &
  rpid=$!
  PIDS+=("$rpid")
  # shellcheck disable=SC2046
  $(troupe_cmd) --port "$tport" --bind 127.0.0.1 >"$WORK/troupe.log" 2>&1 &
  tpid=$!
  PIDS+=("$tpid")
  wait_ping "$rport"
  wait_ping "$tport"

  # shellcheck disable=SC2046
  probe=$(redis-cli -p "$tport" $(probe_cmd "$type") 2>&1 || true)
  if echo "$probe" | grep -qi "unknown command"; then
    echo "$type: Troupe does not know the command yet, skipped" >&2
    RESULT[$type]="skipped"
  else
    redis-cli -p "$tport" del __probe__ >/dev/null
    redis-cli -p "$rport" del __probe__ >/dev/null
    file="$WORK/$type.resp"
    generate "$type" "$file"

    r_used0=$(redis_used "$rport"); r_rss0=$(rss_kb "$rpid")
    t_live0=$(jvm_live "$tpid"); t_rss0=$(rss_kb "$tpid")

    redis-cli -p "$rport" --pipe <"$file" >/dev/null
    redis-cli -p "$tport" --pipe <"$file" >/dev/null

    r_used1=$(redis_used "$rport"); r_rss1=$(rss_kb "$rpid")
    t_live1=$(jvm_live "$tpid"); t_rss1=$(rss_kb "$tpid")
    r_keys=$(redis-cli -p "$rport" dbsize)
    t_keys=$(redis-cli -p "$tport" dbsize)

    RESULT[$type]=$(python3 - "$N" "$r_used0" "$r_used1" "$r_rss0" "$r_rss1" "$t_live0" "$t_live1" \
      "$t_rss0" "$t_rss1" "$r_keys" "$t_keys" <<'EOF'
import sys
n, ru0, ru1, rr0, rr1, tl0, tl1, tr0, tr1, rk, tk = (int(x) for x in sys.argv[1:])
r_used = (ru1 - ru0) / n
r_rss = (rr1 - rr0) * 1024 / n
t_live = (tl1 - tl0) / n
t_rss = (tr1 - tr0) * 1024 / n
print(f"{r_used:.1f} | {r_rss:.1f} | {t_live:.1f} | {t_rss:.1f} | {t_live / r_used:.2f}x | "
      f"{t_rss / r_rss:.2f}x | {rk}/{tk}")
EOF
)
  fi
  redis-cli -p "$rport" shutdown nosave >/dev/null 2>&1 || kill "$rpid" 2>/dev/null || true
  kill "$tpid" 2>/dev/null || true
  wait "$rpid" 2>/dev/null || true
  wait "$tpid" 2>/dev/null || true
done

{
  echo "# Memory per element: Troupe vs Redis"
  echo
  echo "Generated by \`bench/memory.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m));"
  echo "$($REDIS_SERVER --version | head -1 | cut -d' ' -f1-3); Troupe $(git rev-parse --short HEAD) on"
  echo "$(java -version 2>&1 | head -1), \`$TROUPE_JAVA_OPTS\`. N = $N elements per data set:"
  echo
  echo "- string: N keys \`key:%012d\` (16 bytes), 32-byte values (SET)"
  echo "- hash: one key, N fields of 16 bytes, 8-byte values (HSET)"
  echo "- set: one key, N members of 16 bytes (SADD)"
  echo "- zset: one key, N members of 16 bytes with integer scores (ZADD)"
  echo
  echo "Bytes per element. Redis: INFO used_memory delta and RSS delta. Troupe: live heap delta"
  echo "after a full GC (jstat S0U+S1U+EU+OU; Troupe has no INFO memory section yet) and RSS"
  echo "delta (the JVM's RSS also holds heap it has not returned to the OS, so it is an upper"
  echo "bound that depends on the GC and -Xmx). Ratios are Troupe / Redis."
  echo
  echo "| data set | redis used_memory | redis RSS | troupe live heap | troupe RSS | heap/used | RSS/RSS | keys redis/troupe |"
  echo "|---|---|---|---|---|---|---|---|"
  for type in "${TYPES[@]}"; do
    if [ "${RESULT[$type]}" = "skipped" ]; then
      echo "| $type | skipped: Troupe does not have the command yet | | | | | | |"
    else
      echo "| $type | ${RESULT[$type]} |"
    fi
  done
} >"$OUT"
cat "$OUT"
