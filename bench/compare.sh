#!/usr/bin/env bash
# bench/compare.sh: Troupe (bin/troupe-server) and a real redis-server side by
# side, started with the same settings (no persistence) on free loopback ports.
#
#   throughput  redis-benchmark against each, several rounds alternating
#               between the two: SET GET INCR LPUSH LPOP SADD HSET ZADD MSET
#               (10 keys) and a 90/10 GET/SET mix, at -P 1 and -P 16,
#               -c 50 -n 1000000 -r 1000000 -d 32; Troupe rps, Redis rps, the
#               median of per-round ratios, p50 and p99
#   startup     exec -> first PONG (median of 3 starts)
#   memory      RSS after loading MEM_KEYS keys (16-byte keys, 32-byte values,
#               SET through redis-cli --pipe) into a fresh server
#   rdb         SAVE of those keys, restart, exec -> first PONG (the load)
#
# It prints a Markdown table and writes bench/RESULTS.md and the chart
# bench/throughput.png (bench/Chart.java, plain Java).
#
#   bench/compare.sh                                   # everything, ~1 h on 2 cores
#   N=100000 ROUNDS=1 MEM_KEYS=100000 bench/compare.sh # a quick check
#   TESTS="get:1 mix:16" PHASES=throughput OUT= bench/compare.sh   # ad hoc, no files
#
# Environment: N (requests per redis-benchmark run, 1000000), ROUNDS (3),
# CLIENTS (-c, 50), TESTS (test:pipeline words; tests are redis-benchmark's
# -t names plus "mix", the 90/10 GET/SET mix), PHASES (default "startup
# throughput memory rdb"), MEM_KEYS (1000000), BASE_PORT (first port tried,
# 16452), OUT (results file, bench/RESULTS.md; empty = write no files),
# TROUPE_JAVA_OPTS (passed to bin/troupe-server), TROUPE_HOME (the tree whose
# bin/troupe-server runs; default this one), TROUPE_TREE (how RESULTS.md names
# the code measured; default: the git commit).
#
# The mix: redis-benchmark cannot mix commands in one run, so two run at once
# against the same server, GET with 90% of the clients and requests and SET
# with 10%. Its rps is all requests over the wall time of the pair; its p50
# and p99 are the GET run's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(cd "$here/.." && pwd)"
troupe_home="${TROUPE_HOME:-$home}"
N="${N:-1000000}"
ROUNDS="${ROUNDS:-3}"
CLIENTS="${CLIENTS:-50}"
ALL_TESTS="set get incr lpush lpop sadd hset zadd mset mix"
TESTS="${TESTS:-$(for p in 1 16; do for t in $ALL_TESTS; do printf '%s:%s ' "$t" "$p"; done; done)}"
PHASES="${PHASES:-startup throughput memory rdb}"
MEM_KEYS="${MEM_KEYS:-1000000}"
BASE_PORT="${BASE_PORT:-16452}"
OUT="${OUT-$here/RESULTS.md}"
work="$(mktemp -d /tmp/troupe-bench.XXXXXX)"

for tool in redis-server redis-cli redis-benchmark java; do
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

phase() { case " $PHASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

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
# and startup_ms (exec -> first PONG). A server still loading answers
# -LOADING, which is not PONG.
start_server() {
  local port=$1 log=$2
  shift 2
  local t0
  t0=$(now_ms)
  "$@" >"$log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  local deadline=$((t0 + 300000))
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
med() { printf '%s\n' "$@" | median; }

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# Both servers: no persistence unless a phase asks for it.
common_args=(--bind 127.0.0.1 --save '' --appendonly no)
troupe_cmd=("$troupe_home/bin/troupe-server")
redis_cmd=(redis-server)
start_troupe() { start_server "$1" "$2" "${troupe_cmd[@]}" --port "$1" "${common_args[@]}" "${@:3}"; }
start_redis() { start_server "$1" "$2" "${redis_cmd[@]}" --port "$1" "${common_args[@]}" "${@:3}"; }

free_port
tport=$port
free_port
rport=$port

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
# Before anything is written: the results themselves do not make the tree dirty.
rev=${TROUPE_TREE:-$(git -C "$troupe_home" rev-parse --short HEAD 2>/dev/null || echo unknown)}
dirty=$(git -C "$troupe_home" status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)

# ---- start-up: exec -> first PONG -------------------------------------------------------
if phase startup; then
  # The first start after a build records the AppCDS archive (slower); measure after it.
  start_troupe "$tport" "$work/troupe-first.log"
  first_ms=$startup_ms
  stop_server "$started_pid"
  troupe_starts=() redis_starts=()
  for i in 1 2 3; do
    start_troupe "$tport" "$work/troupe-start.log"
    troupe_starts+=("$startup_ms")
    stop_server "$started_pid"
    start_redis "$rport" "$work/redis-start.log"
    redis_starts+=("$startup_ms")
    stop_server "$started_pid"
  done
  troupe_start_med=$(med "${troupe_starts[@]}")
  redis_start_med=$(med "${redis_starts[@]}")
  echo "start-up: troupe ${troupe_starts[*]} ms (first $first_ms), redis ${redis_starts[*]} ms" >&2
fi

# ---- throughput ---------------------------------------------------------------------------
# One redis-benchmark run -> CSV line: rps,p50,p99
bench_one() { # port test pipeline clients requests
  redis-benchmark -h 127.0.0.1 -p "$1" -c "$4" -n "$5" -r 1000000 -d 32 -t "$2" -P "$3" --csv 2>/dev/null \
    | awk -F'"' 'NR > 1 && $2 != "" { print $4 "," $10 "," $14; exit }'
}
bench() { # port test pipeline -> rps,p50,p99
  if [ "$2" != mix ]; then
    bench_one "$1" "$2" "$3" "$CLIENTS" "$N"
    return
  fi
  local gc=$((CLIENTS * 9 / 10)) gn=$((N * 9 / 10))
  local sc=$((CLIENTS - gc)) sn=$((N - gn))
  local t0 t1
  t0=$(date +%s%N)
  bench_one "$1" get "$3" "$gc" "$gn" >"$work/mix-get" &
  local g=$!
  bench_one "$1" set "$3" "$sc" "$sn" >"$work/mix-set" &
  local s=$!
  wait "$g" "$s"
  t1=$(date +%s%N)
  awk -F, -v n="$N" -v ns=$((t1 - t0)) '{ printf "%.2f,%s,%s\n", n / (ns / 1e9), $2, $3 }' "$work/mix-get"
}

label() { # test pipeline
  local name
  if [ "$1" = mix ]; then name="GET/SET 90/10"; else name="$(echo "$1" | tr '[:lower:]' '[:upper:]')"; fi
  echo "$name -P $2"
}

table="" chart_rows=""
if phase throughput; then
  start_troupe "$tport" "$work/troupe.log"
  troupe_pid=$started_pid
  start_redis "$rport" "$work/redis.log"
  redis_pid=$started_pid

  # Warm-up (JIT, connection pools), a tenth of a run of each test; not counted.
  N_RUN=$N
  N=$(( N / 10 > 1000 ? N / 10 : 1000 ))
  for t in $TESTS; do
    bench "$tport" "${t%%:*}" "${t##*:}" >/dev/null
    bench "$rport" "${t%%:*}" "${t##*:}" >/dev/null
  done
  N=$N_RUN

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
    name=$(label "$test" "$pipe")
    trm=$(med "${tr[@]}" | awk '{ printf "%.0f", $1 }') rrm=$(med "${rr[@]}" | awk '{ printf "%.0f", $1 }')
    ratio=$(med "${ratios[@]}" | awk '{ printf "%.2f", $1 }')
    table+="
| $name | $trm | $rrm | ${ratio}× | $(med "${tp50[@]}") / $(med "${tp99[@]}") | $(med "${rp50[@]}") / $(med "${rp99[@]}") |"
    chart_rows+="$name	$trm	$rrm	$ratio
"
  done
  echo
  echo "$table"
fi

# ---- memory and RDB load --------------------------------------------------------------------
if phase memory || phase rdb; then
  # MEM_KEYS SETs of key:%012d (16 bytes) to a 32-byte value, as RESP for redis-cli --pipe.
  awk -v n="$MEM_KEYS" 'BEGIN { v = "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"
    for (i = 0; i < n; i++) printf "*3\r\n$3\r\nSET\r\n$16\r\nkey:%012d\r\n$32\r\n%s\r\n", i, v }' >"$work/load.resp"
  mkdir -p "$work/troupe-data" "$work/redis-data"
  for who in troupe redis; do
    if [ "$who" = troupe ]; then p=$tport; else p=$rport; fi
    "start_$who" "$p" "$work/$who-mem.log" --dir "$work/$who-data" --dbfilename dump.rdb
    pid=$started_pid
    rss0=$(rss_mb "$pid")
    redis-cli -p "$p" --pipe <"$work/load.resp" >"$work/$who-pipe.log" 2>&1
    keys=$(redis-cli -p "$p" dbsize)
    sleep 1
    rss1=$(rss_mb "$pid")
    printf -v "${who}_rss0" '%s' "$rss0"
    printf -v "${who}_rss1" '%s' "$rss1"
    printf -v "${who}_keys" '%s' "$keys"
    echo "memory: $who RSS $rss0 MB empty, $rss1 MB with $keys keys" >&2
    if phase rdb; then
      t0=$(now_ms)
      redis-cli -p "$p" save >/dev/null
      printf -v "${who}_save_ms" '%s' $(( $(now_ms) - t0 ))
      stop_server "$pid"
      "start_$who" "$p" "$work/$who-load.log" --dir "$work/$who-data" --dbfilename dump.rdb
      printf -v "${who}_load_ms" '%s' "$startup_ms"
      printf -v "${who}_loaded" '%s' "$(redis-cli -p "$p" dbsize)"
      printf -v "${who}_rdb_mb" '%s' "$(du -m "$work/$who-data/dump.rdb" | cut -f1)"
      pid=$started_pid
      echo "rdb: $who saved in $(eval echo \$${who}_save_ms) ms, restart with $(eval echo \$${who}_loaded) keys answered PONG after $startup_ms ms" >&2
    fi
    stop_server "$pid"
  done
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# ---- report -------------------------------------------------------------------------------
extras=""
if phase startup; then
  extras+="Start-up, exec → first PONG (median of 3 starts, polling with redis-cli ping every 10 ms):
Troupe **${troupe_start_med} ms** (\`bin/troupe-server\` with its AppCDS archive; the first start after a
build, which records the archive, took ${first_ms} ms), redis-server **${redis_start_med} ms**.
"
fi
if phase memory; then
  extras+="
RSS after loading ${MEM_KEYS} keys (\`key:%012d\`, 16 bytes, 32-byte values; \`redis-cli --pipe\` of SETs into a
fresh server): Troupe **${troupe_rss1} MB** (${troupe_rss0} MB empty, ${troupe_keys} keys), Redis **${redis_rss1} MB**
(${redis_rss0} MB empty, ${redis_keys} keys). Troupe's figure is the JVM's resident set with the launcher's
defaults (SerialGC, default heap), which keeps heap it has not given back; bench/memory.sh measures live heap.
"
fi
if phase rdb; then
  extras+="
RDB of those keys: SAVE took Troupe ${troupe_save_ms} ms, Redis ${redis_save_ms} ms (file: Troupe ${troupe_rdb_mb} MB,
Redis ${redis_rdb_mb} MB). Restart from it, exec → first PONG (the whole load): Troupe **${troupe_load_ms} ms**
(${troupe_loaded} keys), Redis **${redis_load_ms} ms** (${redis_loaded} keys).
"
fi
echo
echo "$extras"

if [ -n "$OUT" ]; then
  chart=""
  if [ -n "$chart_rows" ]; then
    printf '%s' "$chart_rows" >"$work/chart.tsv"
    chart="$(dirname "$OUT")/throughput.png"
    java -Djava.awt.headless=true "$here/Chart.java" "$work/chart.tsv" "$chart" \
      "Troupe vs Redis 7.0: redis-benchmark -c $CLIENTS, requests/s (median of $ROUNDS rounds)"
    echo "wrote $chart"
  fi
  cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
  mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
  {
    echo "# Troupe vs Redis: redis-benchmark"
    echo
    echo "Generated by \`bench/compare.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), Troupe at \`$rev\`$dirty."
    echo
    echo "Where the time goes and what was tried: [PROFILE.md](PROFILE.md)."
    echo
    if [ -n "$table" ]; then
      [ -n "$chart" ] && echo "![throughput: Troupe vs Redis]($(basename "$chart"))" && echo
      echo "$table"
      echo
      echo "Ratio = median over rounds of (Troupe rps / Redis rps) in the same round; rps and latencies are"
      echo "medians over $ROUNDS rounds; p50/p99 are redis-benchmark's latency percentiles in ms. GET/SET 90/10:"
      echo "two redis-benchmark processes at once (GET with $((CLIENTS * 9 / 10)) clients and 90% of the requests, SET with"
      echo "the rest); rps = all requests / wall time of the pair, p50/p99 are the GET process's."
      echo
    fi
    echo "$extras"
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
    echo "bin/troupe-server --port <p> ${common_args[*]}      # TROUPE_JAVA_OPTS='${TROUPE_JAVA_OPTS:-}'"
    echo "redis-server --port <q> $(printf '%q ' "${common_args[@]}")"
    for t in $TESTS; do
      if [ "${t%%:*}" = mix ]; then
        echo "redis-benchmark -h 127.0.0.1 -p <port> -c $((CLIENTS * 9 / 10)) -n $((N * 9 / 10)) -r 1000000 -d 32 -t get -P ${t##*:} --csv &"
        echo "redis-benchmark -h 127.0.0.1 -p <port> -c $((CLIENTS - CLIENTS * 9 / 10)) -n $((N - N * 9 / 10)) -r 1000000 -d 32 -t set -P ${t##*:} --csv"
      else
        echo "redis-benchmark -h 127.0.0.1 -p <port> -c $CLIENTS -n $N -r 1000000 -d 32 -t ${t%%:*} -P ${t##*:} --csv"
      fi
    done
    echo '```'
    echo
    if [ -n "$table" ]; then
      echo "One warm-up run of each test per server first (a tenth of N, not counted), then $ROUNDS rounds;"
      echo "within a round each test runs on both servers back to back, the order alternating between rounds."
      echo
      echo "Raw results (round, test, pipeline, server, rps, p50, p99):"
      echo
      echo '```'
      cat "$work/results.csv"
      echo '```'
    fi
  } >"$OUT"
  echo "wrote $OUT"
fi
