#!/usr/bin/env bash
# bench/compare.sh: Troupe (bin/troupe-server) and a real redis-server side by
# side under redis-benchmark, several rounds alternating between the two.
# Prints a Markdown table and writes bench/RESULTS.md.
#
#   bench/compare.sh                 # N=200000 requests per run, 3 rounds
#   N=1000000 ROUNDS=5 bench/compare.sh
#
# Environment: N (requests per run), ROUNDS, CLIENTS (-c, 50), TESTS
# (default "set:1 get:1 set:16 get:16", test:pipeline), BASE_PORT (first port
# tried, 16452), OUT (results file, bench/RESULTS.md; empty = do not write),
# TROUPE_JAVA_OPTS (passed through to bin/troupe-server), TROUPE_TREE (how
# RESULTS.md names the code measured; default: the git commit).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(cd "$here/.." && pwd)"
N="${N:-200000}"
ROUNDS="${ROUNDS:-3}"
CLIENTS="${CLIENTS:-50}"
TESTS="${TESTS:-set:1 get:1 set:16 get:16}"
BASE_PORT="${BASE_PORT:-16452}"
OUT="${OUT-$here/RESULTS.md}"
work="$(mktemp -d /tmp/troupe-bench.XXXXXX)"

for tool in redis-server redis-cli redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool not found (apt-get install redis-tools redis-server)" >&2; exit 1; }
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
next_port=$BASE_PORT
# Sets $port to the next free port. Not used as $(free_port): a subshell would
# not advance next_port, and the two servers could be handed the same port.
free_port() {
  while ! port_free "$next_port"; do
    next_port=$((next_port + 1))
  done
  port=$next_port
  next_port=$((next_port + 1))
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Starts "$@" in the background and waits for PONG on $port; sets started_pid
# and startup_ms (exec -> first PONG).
start_server() {
  local port=$1 log=$2
  shift 2
  local t0
  t0=$(now_ms)
  "$@" >"$log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  local deadline=$((t0 + 60000))
  until [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ]; do
    if ! kill -0 "$started_pid" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
      echo "compare.sh: server on port $port did not start:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.01
  done
  startup_ms=$(( $(now_ms) - t0 ))
}

stop_server() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a" } else if (NR % 2) { print v[(NR + 1) / 2] } else { print (v[NR / 2] + v[NR / 2 + 1]) / 2 } }'
}

troupe_cmd=("$home/bin/troupe-server")
redis_cmd=(redis-server --save '' --appendonly no --bind 127.0.0.1)

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# ---- start-up: exec -> first PONG -------------------------------------------------------
# The first start after a build records the AppCDS archive (slower); measure after it.
free_port
tport=$port
start_server "$tport" "$work/troupe-first.log" "${troupe_cmd[@]}" --port "$tport" --bind 127.0.0.1
first_ms=$startup_ms
stop_server "$started_pid"
troupe_starts=()
for i in 1 2 3; do
  start_server "$tport" "$work/troupe-start.log" "${troupe_cmd[@]}" --port "$tport" --bind 127.0.0.1
  troupe_starts+=("$startup_ms")
  stop_server "$started_pid"
done
free_port
rport=$port
if [ "$rport" = "$tport" ]; then
  echo "compare.sh: both servers were given port $tport" >&2
  exit 1
fi
redis_starts=()
for i in 1 2 3; do
  start_server "$rport" "$work/redis-start.log" "${redis_cmd[@]}" --port "$rport"
  redis_starts+=("$startup_ms")
  stop_server "$started_pid"
done
troupe_start_med=$(printf '%s\n' "${troupe_starts[@]}" | median)
redis_start_med=$(printf '%s\n' "${redis_starts[@]}" | median)

# ---- throughput ---------------------------------------------------------------------------
start_server "$tport" "$work/troupe.log" "${troupe_cmd[@]}" --port "$tport" --bind 127.0.0.1
troupe_pid=$started_pid
start_server "$rport" "$work/redis.log" "${redis_cmd[@]}" --port "$rport"
redis_pid=$started_pid

bench() { # port test pipeline -> CSV line: rps,p50,p99
  redis-benchmark -h 127.0.0.1 -p "$1" -c "$CLIENTS" -n "$N" -r 1000000 -d 32 -t "$2" -P "$3" --csv 2>/dev/null \
    | awk -F'"' 'NR > 1 && $2 != "" { print $4 "," $10 "," $14; exit }'
}

# Warm-up (JIT, connection pools); not counted.
for t in $TESTS; do
  bench "$tport" "${t%%:*}" "${t##*:}" >/dev/null
  bench "$rport" "${t%%:*}" "${t##*:}" >/dev/null
done

: >"$work/results.csv"
for round in $(seq 1 "$ROUNDS"); do
  for t in $TESTS; do
    test=${t%%:*} pipe=${t##*:}
    # Alternate which server goes first, so neither always runs on a warmer machine.
    if [ $((round % 2)) -eq 1 ]; then order="troupe redis"; else order="redis troupe"; fi
    for who in $order; do
      if [ "$who" = troupe ]; then port=$tport; else port=$rport; fi
      line=$(bench "$port" "$test" "$pipe")
      [ -n "$line" ] || line="0,0,0"
      echo "$round,$test,$pipe,$who,$line" >>"$work/results.csv"
      echo "round $round: $test -P $pipe $who: $line (rps,p50,p99)" >&2
    done
  done
done
stop_server "$troupe_pid"
stop_server "$redis_pid"

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# ---- report -------------------------------------------------------------------------------
field() { # round test pipe who column(5=rps 6=p50 7=p99)
  awk -F, -v r="$1" -v t="$2" -v p="$3" -v w="$4" -v c="$5" '$1==r && $2==t && $3==p && $4==w { print $c }' "$work/results.csv"
}
table="| test | Troupe rps | Redis rps | ratio | Troupe p50/p99 ms | Redis p50/p99 ms |
|---|---:|---:|---:|---:|---:|"
for t in $TESTS; do
  test=${t%%:*} pipe=${t##*:}
  tr=() rr=() ratios=() tp50=() tp99=() rp50=() rp99=()
  for round in $(seq 1 "$ROUNDS"); do
    a=$(field "$round" "$test" "$pipe" troupe 5) b=$(field "$round" "$test" "$pipe" redis 5)
    tr+=("$a") rr+=("$b")
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print 0 }')")
    tp50+=("$(field "$round" "$test" "$pipe" troupe 6)") tp99+=("$(field "$round" "$test" "$pipe" troupe 7)")
    rp50+=("$(field "$round" "$test" "$pipe" redis 6)") rp99+=("$(field "$round" "$test" "$pipe" redis 7)")
  done
  med() { printf '%s\n' "$@" | median; }
  name="$(echo "$test" | tr '[:lower:]' '[:upper:]') -P $pipe"
  table+="
| $name | $(med "${tr[@]}" | awk '{ printf "%.0f", $1 }') | $(med "${rr[@]}" | awk '{ printf "%.0f", $1 }') | $(med "${ratios[@]}" | awk '{ printf "%.2f×", $1 }') | $(med "${tp50[@]}") / $(med "${tp99[@]}") | $(med "${rp50[@]}") / $(med "${rp99[@]}") |"
done

echo
echo "$table"
echo
echo "Start-up, exec -> first PONG (median of 3): Troupe ${troupe_start_med} ms (first start after a build, recording the CDS archive: ${first_ms} ms), redis-server ${redis_start_med} ms"

if [ -n "$OUT" ]; then
  cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
  mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
  rev=${TROUPE_TREE:-$(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)}
  dirty=$(git -C "$home" status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
  {
    echo "# Troupe vs Redis: redis-benchmark"
    echo
    echo "Generated by \`bench/compare.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), Troupe at \`$rev\`$dirty."
    echo
    echo "$table"
    echo
    echo "Ratio = median over rounds of (Troupe rps / Redis rps) in the same round; rps and latencies are"
    echo "medians over $ROUNDS rounds; p50/p99 are redis-benchmark's latency percentiles in ms."
    echo
    echo "Start-up, exec → first PONG (median of 3 starts, polling with redis-cli ping every 10 ms):"
    echo "Troupe **${troupe_start_med} ms** (\`bin/troupe-server\` with its AppCDS archive; the first start after a"
    echo "build, which records the archive, took ${first_ms} ms), redis-server ${redis_start_med} ms."
    echo
    echo "## Machine"
    echo
    echo "- CPU: $cpu, $(nproc) cores; memory $mem; $(uname -sr)"
    echo "- $(java -version 2>&1 | head -1)"
    echo "- $(redis-server --version)"
    echo "- client and both servers on the same machine, over loopback"
    echo "- load average (1/5/15 min) before: $load_before, after: $load_after — other work on the machine"
    echo "  shares its cores with both servers and redis-benchmark; compare ratios, not absolute rates"
    echo
    echo "## Commands"
    echo
    echo '```'
    echo "bin/troupe-server --port <p> --bind 127.0.0.1      # TROUPE_JAVA_OPTS='${TROUPE_JAVA_OPTS:-}'"
    echo "$(printf '%q ' "${redis_cmd[@]}")--port <q>"
    for t in $TESTS; do
      echo "redis-benchmark -h 127.0.0.1 -p <port> -c $CLIENTS -n $N -r 1000000 -d 32 -t ${t%%:*} -P ${t##*:} --csv"
    done
    echo '```'
    echo
    echo "One warm-up run of each test per server first (not counted), then $ROUNDS rounds; within a round"
    echo "each test runs on both servers back to back, the order alternating between rounds."
    echo
    echo "Raw results (round, test, pipeline, server, rps, p50, p99):"
    echo
    echo '```'
    cat "$work/results.csv"
    echo '```'
  } >"$OUT"
  echo "wrote $OUT"
fi
