#!/usr/bin/env bash
# `./envmon bench`: the highest steady rate of the simulator's `load` on this machine, first against mosquitto
# alone (a `sink` subscriber counting and discarding), then against the full service (mosquitto + ingest +
# influxd, every step checked with `verify`). Servers on free loopback ports, data and logs in a temporary
# folder, everything stopped and removed at the end. See docs/simulator.md#benchmarks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

read -r -a RATES <<<"${ENVMON_BENCH_RATES:-2000 5000 10000 20000 40000}"
STEP=${ENVMON_BENCH_STEP:-10}
WARMUP=${ENVMON_BENCH_WARMUP:-2}
CONNECTIONS=${ENVMON_BENCH_CONNECTIONS:-10}
QOS=${ENVMON_BENCH_QOS:-1}
BATCH=${ENVMON_BENCH_BATCH:-20}
BATCH_RATE=${ENVMON_BENCH_BATCH_RATE:-50000}
VERIFY_WAIT=${ENVMON_BENCH_VERIFY_WAIT:-60}
MAX_LAG=${ENVMON_BENCH_MAX_LAG:-5}
KEEP=${ENVMON_BENCH_KEEP:-0}
SIM_JAR=${ENVMON_RUN_SIMULATOR_JAR:-$ROOT/simulator/target/envmon-simulator.jar}
INGEST_JAR=${ENVMON_RUN_INGEST_JAR:-$ROOT/ingest/target/envmon-ingest.jar}
REGISTRY=${ENVMON_RUN_REGISTRY:-$ROOT/config/taigu.yaml}
# the ladder goes on while the achieved rate is at least this share (%) of the target
GO_ON_SHARE=95
# the sink stops this many seconds after the last message: then everything the broker had queued has arrived
SINK_IDLE=3

BENCH_DIR=""
MQTT_URL=""
INFLUX_URL=""
ROWS=()          # the current phase's table rows
BEST=""          # the current phase's highest steady target rate
BATCH_RESULT=""  # the current phase's batch line, in words

bench_usage() {
  cat <<USAGE
Usage: ./envmon bench [--no-build] [--phase mosquitto|service|both]

Measures the highest steady rate of 'load' (readings per second, single-reading messages) on this machine:

  phase 1 "mosquitto alone": mosquitto and a 'sink' subscriber (subscribes to env/#, acknowledges and discards);
          one 'load' step per target rate; per step: achieved rate, per-second min/median/max, what the sink got.
  phase 2 "full service": mosquitto, influxd and the ingest service as ./envmon run starts them; the same steps
          with --ledger, each followed by 'verify --wait ${VERIFY_WAIT}s': stored, missing, and how soon after the
          step everything was stored.

A step is steady when every full second carried >= 95 % of the target ('held'), nothing was lost (phase 1: the
sink got every reading; phase 2: nothing missing and all stored within ${MAX_LAG} s after the step). The ladder
stops after the first step whose achieved rate is below ${GO_ON_SHARE} % of its target (phase 2: or that misses
readings). Then one step with batches (--batch ${BATCH} at ${BATCH_RATE}/s). Takes a few minutes; the figures mean
something only on an otherwise quiet machine.

  --no-build   do not run 'mvn -B -q package -DskipTests' first
  --phase P    mosquitto, service or both (default: both)

Environment (defaults in brackets):
  ENVMON_BENCH_RATES        target rates of the ladder, readings/s [2000 5000 10000 20000 40000]
  ENVMON_BENCH_STEP         measured seconds per step [10]
  ENVMON_BENCH_WARMUP       seconds sent before each step's measurement, left out of its figures [2]
  ENVMON_BENCH_CONNECTIONS  MQTT connections of 'load' [10]
  ENVMON_BENCH_QOS          QoS of 'load' and of the sink's subscription [1]
  ENVMON_BENCH_BATCH        readings per message of the batch step; 0 for no batch step [20]
  ENVMON_BENCH_BATCH_RATE   target rate of the batch step, readings/s [50000]
  ENVMON_BENCH_VERIFY_WAIT  seconds 'verify' waits for the service to store a step [60]
  ENVMON_BENCH_MAX_LAG      phase 2: seconds after a step within which all must be stored to count as steady [5]
  ENVMON_BENCH_KEEP         1: keep the temporary folder with the servers' data and every step's output [0]
  ENVMON_RUN_SIMULATOR_JAR, ENVMON_RUN_INGEST_JAR, ENVMON_RUN_REGISTRY: other jars or registry, as for ./envmon run
USAGE
}

main() {
  local build=1 phase=both
  while (($#)); do
    case $1 in
      --no-build) build=0; shift ;;
      --phase) phase=${2:-}; shift 2 || true ;;
      --phase=*) phase=${1#*=}; shift ;;
      -h|--help) bench_usage; return 0 ;;
      *) bench_usage >&2; warn "unknown option for bench: $1"; exit 2 ;;
    esac
  done
  [[ $phase == mosquitto || $phase == service || $phase == both ]] || { bench_usage >&2; warn "--phase must be mosquitto, service or both"; exit 2; }
  check_settings

  cd "$ROOT"
  ensure_packages
  if ((build)); then
    build_project
  fi
  local jar
  for jar in "$SIM_JAR" "$INGEST_JAR" "$REGISTRY"; do
    [[ -f $jar ]] || die "${jar#"$ROOT/"} not found: build with 'mvn -B package -DskipTests' (or drop --no-build)"
  done

  BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/envmon-bench.XXXXXX")
  RUN_DIR=$BENCH_DIR
  trap cleanup EXIT
  trap 'warn "interrupted"; exit 130' INT
  trap 'warn "terminated"; exit 143' TERM

  print_header
  local summary=()
  if [[ $phase != service ]]; then
    phase_mosquitto
    summary+=("mosquitto alone:  highest steady rate ${BEST:-none of the steps} readings/s (single readings, QoS $QOS, $CONNECTIONS connections)${BATCH_RESULT:+; $BATCH_RESULT}")
  fi
  if [[ $phase != mosquitto ]]; then
    phase_service
    summary+=("full service:     highest steady rate with nothing missing ${BEST:-none of the steps} readings/s (stored within ${MAX_LAG} s after each step)${BATCH_RESULT:+; $BATCH_RESULT}")
  fi
  say ""
  say "RESULT on $(nproc) cores:"
  printf '  %s\n' "${summary[@]}"
}

check_settings() {
  local name value
  for name in STEP WARMUP CONNECTIONS QOS BATCH BATCH_RATE VERIFY_WAIT MAX_LAG KEEP; do
    value=${!name}
    [[ $value =~ ^[0-9]+$ ]] || die "ENVMON_BENCH_$name must be a whole number, not '$value'"
  done
  ((${#RATES[@]} > 0)) || die "ENVMON_BENCH_RATES is empty"
  for value in "${RATES[@]}"; do
    [[ $value =~ ^[1-9][0-9]*$ ]] || die "ENVMON_BENCH_RATES must hold whole numbers of readings/s, not '$value'"
  done
  ((STEP >= 3)) || die "ENVMON_BENCH_STEP must be at least 3 s (the first and last second are left out of the figures)"
}

print_header() {
  say "envmon bench: 'load' against mosquitto alone, then against the full service"
  say "  machine    $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start (figures mean something only on a quiet machine)"
  say "  software   $(java -version 2>&1 | head -n 1), $("$(mosquitto_bin)" -h 2>&1 | head -n 1 | cut -d' ' -f1-3), influxd $("$(influxd_bin)" version 2>/dev/null | cut -d' ' -f2 || echo '?')"
  say "  steps      ${RATES[*]} readings/s, single readings, QoS $QOS, $CONNECTIONS connections, ${STEP} s each after ${WARMUP} s of warm-up$(if ((BATCH > 0)); then echo "; then --batch $BATCH at $BATCH_RATE/s"; fi)"
  say "  files      $BENCH_DIR ($( ((KEEP)) && echo kept || echo 'removed at the end; ENVMON_BENCH_KEEP=1 keeps it'))"
}

# run_load LOG RATE BATCH [LOAD OPTIONS...]: one step of `load` in the foreground; LOAD_CODE is its exit code
run_load() {
  local log=$1 rate=$2 batch=$3
  shift 3
  LOAD_CODE=0
  java -jar "$SIM_JAR" load --registry "$REGISTRY" --mqtt-url "$MQTT_URL" --rate "$rate" --batch "$batch" \
    --duration "${STEP}s" --warm-up "${WARMUP}s" --connections "$CONNECTIONS" --qos "$QOS" --quiet "$@" \
    >"$log" 2>&1 || LOAD_CODE=$?
}

# field FILE REGEX: the first capture group of the first line of FILE that matches the extended REGEX (no '#')
field() { sed -n -E "s#$2#\\1#p" "$1" | head -n 1; }

# load_figures LOG: sets SENT ACHIEVED MIN MEDIAN MAX HELD from a `load` output
load_figures() {
  local log=$1
  SENT=$(field "$log" '^[a-z]+: ([0-9]+) readings / .*')
  ACHIEVED=$(field "$log" '^rate: .* achieved ([0-9]+) readings/s.*')
  MIN=$(field "$log" '.* min ([0-9]+), median .*')
  MEDIAN=$(field "$log" '.* median ([0-9]+), max .*')
  MAX=$(field "$log" '.* max ([0-9]+) readings; .*')
  HELD=no
  if grep -q 'held steadily' "$log"; then HELD=yes; fi
  : "${SENT:=0}" "${ACHIEVED:=0}" "${MIN:=-}" "${MEDIAN:=-}" "${MAX:=-}"
}

# goes_on RATE: true when the step's achieved rate reached GO_ON_SHARE % of RATE
goes_on() { ((ACHIEVED * 100 >= $1 * GO_ON_SHARE)); }

load_failed_note() {
  if ((LOAD_CODE != 0)); then
    printf '  (load exit code %s: %s)' "$LOAD_CODE" "$(grep -m 1 '^error' "$1" || tail -n 1 "$1")"
  fi
}

# --- phase 1: mosquitto alone -------------------------------------------------------------------------------

phase_mosquitto() {
  say ""
  say "== phase 1: mosquitto alone (sink subscriber discarding) =="
  local dir=$BENCH_DIR/mosquitto-alone port
  mkdir -p "$dir/mosquitto"
  free_port port
  start_mosquitto "$dir/mosquitto" "$port"
  MQTT_URL="tcp://127.0.0.1:$port"
  ROWS=()
  BEST=""
  BATCH_RESULT=""
  local rate
  for rate in "${RATES[@]}"; do
    mosquitto_step "$dir" "$rate" 1
    if ! goes_on "$rate"; then break; fi
  done
  if ((BATCH > 0)); then
    mosquitto_step "$dir" "$BATCH_RATE" "$BATCH"
    BATCH_RESULT="batches of $BATCH: $ACHIEVED readings/s achieved of $BATCH_RATE, $LAST_STEADY_WORD"
  fi
  stop_component mosquitto 10
  say ""
  printf '  %8s %5s %10s %7s %8s %7s %4s %9s %9s %6s %6s\n' target/s batch achieved/s min/s median/s max/s held sent received lost steady
  printf '%s\n' "${ROWS[@]}"
}

# mosquitto_step DIR RATE BATCH: a sink, one load step, the sink's count; adds a row
mosquitto_step() {
  local dir=$1 rate=$2 batch=$3
  local name="$rate-b$batch"
  local sink_log=$dir/sink-$name.log load_log=$dir/load-$name.log
  local count_readings=()
  if ((batch > 1)); then count_readings=(--count-readings); fi
  start_bg "$sink_log" java -jar "$SIM_JAR" sink --mqtt-url "$MQTT_URL" --qos "$QOS" --idle "${SINK_IDLE}s" \
    --duration "$((WARMUP + STEP + 300))s" --quiet "${count_readings[@]}"
  PIDS[sink]=$STARTED_PID
  LOGS[sink]=$sink_log
  local code=0
  wait_until 30 "${PIDS[sink]}" grep -qs '^subscribed to' "$sink_log" || code=$?
  if ((code != 0)); then component_failed sink "did not subscribe within 30 s"; exit 1; fi

  run_load "$load_log" "$rate" "$batch"
  check_servers_alive
  if ! wait_for_exit $((SINK_IDLE + 60)) "${PIDS[sink]}"; then
    warn "the sink was still receiving 60 s after the step: stopped"
  fi
  stop_pid "${PIDS[sink]}" 5
  unset 'PIDS[sink]'

  load_figures "$load_log"
  local received
  if ((batch > 1)); then
    received=$(field "$sink_log" '.*received [0-9]+ messages, ([0-9]+) readings.*')
  else
    received=$(field "$sink_log" '.*received ([0-9]+) messages.*')
  fi
  : "${received:=0}"
  local lost=$((SENT - received)) steady=no
  if [[ $HELD == yes ]] && ((lost == 0 && LOAD_CODE == 0)); then
    steady=yes
    if ((batch == 1)); then BEST=$rate; fi
  fi
  LAST_STEADY_WORD=$([[ $steady == yes ]] && echo steady || echo "not steady")
  ROWS+=("$(printf '  %8s %5s %10s %7s %8s %7s %4s %9s %9s %6s %6s' "$rate" "$batch" "$ACHIEVED" "$MIN" "$MEDIAN" "$MAX" "$HELD" "$SENT" "$received" "$lost" "$steady")$(load_failed_note "$load_log")")
  say "  step $rate readings/s (batch $batch): achieved $ACHIEVED, per second $MIN..$MAX, held $HELD; sink received $received of $SENT"
}

# --- phase 2: the full service ------------------------------------------------------------------------------

phase_service() {
  say ""
  say "== phase 2: full service (mosquitto + ingest + influxd, verify after each step) =="
  local dir=$BENCH_DIR/full-service mqtt_port influx_port influx_rpc_port http_port
  mkdir -p "$dir/mosquitto" "$dir/influxdb"
  free_port mqtt_port
  free_port influx_port
  free_port influx_rpc_port
  free_port http_port
  start_influxd "$dir/influxdb" "$influx_port" "$influx_rpc_port"
  create_database "$influx_port" env
  start_mosquitto "$dir/mosquitto" "$mqtt_port"
  MQTT_URL="tcp://127.0.0.1:$mqtt_port"
  INFLUX_URL="http://127.0.0.1:$influx_port"
  start_ingest "$INGEST_JAR" "$REGISTRY" "$MQTT_URL" "$INFLUX_URL" "$http_port"
  ROWS=()
  BEST=""
  BATCH_RESULT=""
  UNTIL=""
  local rate
  for rate in "${RATES[@]}"; do
    service_step "$dir" "$rate" 1
    if ! goes_on "$rate" || ((MISSING > 0)); then break; fi
  done
  if ((BATCH > 0)); then
    service_step "$dir" "$BATCH_RATE" "$BATCH"
    BATCH_RESULT="batches of $BATCH: $ACHIEVED readings/s achieved of $BATCH_RATE, missing $MISSING, $LAST_STEADY_WORD"
  fi
  stop_component ingest 20 "stopping ingest (SIGTERM, up to 20 s to flush)"
  stop_component mosquitto 10
  stop_component influxd 15
  say ""
  printf '  %8s %5s %10s %7s %8s %7s %4s %9s %9s %7s %9s %6s\n' target/s batch achieved/s min/s median/s max/s held sent stored missing stored-in steady
  printf '%s\n' "${ROWS[@]}"
}

# service_step DIR RATE BATCH: one load step with a ledger, then verify; adds a row. Each step's readings are
# stamped before the previous step's (--until), so that verify counts only its own in InfluxDB.
service_step() {
  local dir=$1 rate=$2 batch=$3
  local name="$rate-b$batch"
  local load_log=$dir/load-$name.log ledger=$dir/ledger-$name.json verify_log=$dir/verify-$name.log
  local older=()
  if [[ -n $UNTIL ]]; then older=(--until "$UNTIL"); fi
  run_load "$load_log" "$rate" "$batch" --ledger "$ledger" "${older[@]}"
  local ended_ms verified_ms code=0
  ended_ms=$(date +%s%3N)
  if [[ -f $ledger ]]; then
    java -jar "$SIM_JAR" verify --ledger "$ledger" --influx-url "$INFLUX_URL" --db env --wait "${VERIFY_WAIT}s" \
      >"$verify_log" 2>&1 || code=$?
  else
    code=1
    echo "no ledger: load failed" >"$verify_log"
  fi
  verified_ms=$(date +%s%3N)
  check_servers_alive

  load_figures "$load_log"
  local stored lag steady=no
  stored=$(field "$verify_log" '^readings: .*, stored ([0-9]+), missing.*')
  MISSING=$(field "$verify_log" '^readings: .*, missing ([0-9]+),.*')
  : "${stored:=0}" "${MISSING:=$SENT}"
  lag=$(awk -v ms=$((verified_ms - ended_ms)) 'BEGIN { printf "%.1f s", ms / 1000 }')
  if ((code != 0)); then lag="not in ${VERIFY_WAIT} s"; fi
  if [[ $HELD == yes ]] && ((code == 0 && MISSING == 0 && LOAD_CODE == 0 && verified_ms - ended_ms <= MAX_LAG * 1000)); then
    steady=yes
    if ((batch == 1)); then BEST=$rate; fi
  fi
  LAST_STEADY_WORD=$([[ $steady == yes ]] && echo steady || echo "not steady")
  UNTIL=$(before "$(field "$ledger" '.*"simulatedFrom" : "([^"]+)".*' 2>/dev/null || true)")
  ROWS+=("$(printf '  %8s %5s %10s %7s %8s %7s %4s %9s %9s %7s %9s %6s' "$rate" "$batch" "$ACHIEVED" "$MIN" "$MEDIAN" "$MAX" "$HELD" "$SENT" "$stored" "$MISSING" "$lag" "$steady")$(load_failed_note "$load_log")")
  say "  step $rate readings/s (batch $batch): achieved $ACHIEVED, per second $MIN..$MAX, held $HELD; stored $stored of $SENT, missing $MISSING, all stored $lag after the step"
}

# before TIME: one second before the RFC 3339 TIME, or empty when TIME is empty
before() {
  [[ -n $1 ]] || return 0
  date -u -d "@$(($(date -u -d "$1" +%s) - 1))" +%Y-%m-%dT%H:%M:%SZ
}

# the servers must outlive every step: a crash would make the rest of the ladder meaningless
check_servers_alive() {
  local name
  for name in ingest mosquitto influxd; do
    if [[ -n ${PIDS[$name]:-} ]] && ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      component_failed "$name" "died during the benchmark"
      exit 1
    fi
  done
}

cleanup() {
  local code=$?
  trap '' INT TERM
  if [[ -n ${PIDS[sink]:-} ]]; then
    stop_pid "${PIDS[sink]}" 5
    unset 'PIDS[sink]'
  fi
  stop_component ingest 20 "stopping ingest (SIGTERM, up to 20 s to flush)"
  stop_component mosquitto 10
  stop_component influxd 15
  if [[ -n $BENCH_DIR && -d $BENCH_DIR ]]; then
    if ((KEEP)); then
      say "envmon bench: servers' data and every step's output kept in $BENCH_DIR"
    else
      rm -rf "$BENCH_DIR"
    fi
  fi
  exit "$code"
}

main "$@"
