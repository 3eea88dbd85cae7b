#!/usr/bin/env bash
# bench/jmh.sh [JMH options]: the JMH microbenchmarks in bench/jmh/java (RESP
# codec, keyspace table, sorted set). Builds them with the pom's jmh profile,
# then runs JMH's Main with the given options (default: every benchmark).
#
#   bench/jmh.sh                                    # all, JMH's defaults per class
#   bench/jmh.sh RespCodecBench -p pipeline=16      # one class, one parameter
#   bench/jmh.sh KeyspaceTableBench.getPresent -wi 1 -i 3 -f 1
#   bench/jmh.sh -h                                 # JMH's options
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
mvn -B -q ${MVN_OFFLINE--o} -Pjmh test-compile >&2
cp="$home/target/classes:$home/target/test-classes:$(cat "$home/target/jmh.classpath")"
[ $# -gt 0 ] || set -- io.troupe.bench
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
