#!/usr/bin/env bash
# The alert engine's live heap per point and CPU per reading, for 500, 5,000 and 50,000 points
# (io.envmon.bench.EngineHeapPerPoint in the benchmarks jar; docs/benchmarks-jmh.md). Builds the jar when it is
# missing (or when ENVMON_JMH_BUILD=1). Each size runs in its own JVM with -Xmx1g.
#   scripts/heap-per-point.sh          # air stations only
#   scripts/heap-per-point.sh mix      # the Taigu registry's mix of air, water, stack and wastewater points
# Settings (environment):
#   ENVMON_HEAP_POINTS       the sizes, default "500 5000 50000"
#   ENVMON_HEAP_HOURS        hours of minute data fed below 50,000 points, default 26 (the engine's retained range)
#   ENVMON_HEAP_HOURS_LARGE  hours fed from 50,000 points on, default 2 (26 h of 50,000 points is 78 million readings)
#   ENVMON_HEAP_XMX          the heap limit, default 1g
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/benchmarks/target/envmon-benchmarks.jar"

MIX=()
case "${1:-}" in
  "") ;;
  mix) MIX=(mix) ;;
  *) echo "usage: scripts/heap-per-point.sh [mix]" >&2; exit 2 ;;
esac
read -r -a SIZES <<<"${ENVMON_HEAP_POINTS:-500 5000 50000}"
HOURS=${ENVMON_HEAP_HOURS:-26}
HOURS_LARGE=${ENVMON_HEAP_HOURS_LARGE:-2}
XMX=${ENVMON_HEAP_XMX:-1g}

if [[ ! -f $JAR || ${ENVMON_JMH_BUILD:-0} == 1 ]]; then
  echo "heap-per-point: building $JAR" >&2
  (cd "$ROOT" && mvn -q -pl benchmarks -am package -DskipTests)
fi

echo "heap-per-point: points ${SIZES[*]}; hours $HOURS (below 50000 points), $HOURS_LARGE (from 50000);" \
  "-Xmx$XMX; ${MIX[*]:-air stations only}"
for n in "${SIZES[@]}"; do
  hours=$HOURS
  ((n >= 50000)) && hours=$HOURS_LARGE
  echo "heap-per-point: $n points, $hours h ($(date +%H:%M:%S))"
  java "-Xmx$XMX" -cp "$JAR" io.envmon.bench.EngineHeapPerPoint "$n" "$hours" "${MIX[@]}"
done
