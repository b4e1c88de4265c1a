#!/usr/bin/env bash
# JMH microbenchmarks of the alert engine and the ingest path (benchmarks/, docs/benchmarks-jmh.md). Builds the
# jar when it is missing (or when ENVMON_JMH_BUILD=1), then runs JMH with short defaults and the GC profiler:
#   scripts/jmh.sh                                   # every benchmark, every parameter
#   scripts/jmh.sh AlertEngineBenchmark -p points=500
#   scripts/jmh.sh LineProtocolBenchmark -i 10       # an option given here replaces its default
# Arguments are JMH's (java -jar benchmarks/target/envmon-benchmarks.jar -h lists them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/benchmarks/target/envmon-benchmarks.jar"

if [[ ! -f $JAR || ${ENVMON_JMH_BUILD:-0} == 1 ]]; then
  echo "jmh: building $JAR" >&2
  (cd "$ROOT" && mvn -q -pl benchmarks -am package -DskipTests)
fi

# one fork, 3 warm-up iterations of 2 s, 5 measured of 3 s; JMH refuses an option given twice, so a default is
# left out when the caller gives that option
defaults=(-f 1 -wi 3 -i 5 -w 2s -r 3s)
USER_ARGS=("$@")
given() {
  local arg
  for arg in "${USER_ARGS[@]}"; do [[ $arg == "$1" ]] && return 0; done
  return 1
}
args=()
for ((i = 0; i < ${#defaults[@]}; i += 2)); do
  given "${defaults[i]}" || args+=("${defaults[i]}" "${defaults[i + 1]}")
done
# the GC profiler gives gc.alloc.rate.norm, the bytes allocated per operation; other -prof options add to it
gc=1
for ((i = 0; i + 1 < ${#USER_ARGS[@]}; i++)); do
  [[ ${USER_ARGS[i]} == -prof && ${USER_ARGS[i + 1]} == gc ]] && gc=0
done
((gc)) && args+=(-prof gc)

exec java -jar "$JAR" "${args[@]}" "$@"
