#!/usr/bin/env bash
# `./envmon bench`: the highest steady rate of the simulator's `load` on this machine, first against mosquitto
# alone (a `sink` subscriber counting and discarding), then against the full service (mosquitto + ingest +
# influxd, every step checked with `verify`) (--shape ladder, the default). --shape sites5000: the full service
# with a generated registry of 5 000 stations at one fixed rate; --shape batched: batches of 50 against mosquitto
# alone and the full service, and their ratio. Servers on free loopback ports, data and logs in a temporary
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
# --shape sites5000: the generated registry's stations, their rate, and one reading per station per simulated minute
SITES=5000
SITES_RATE=${ENVMON_BENCH_SITES_RATE:-10000}
SITES_INTERVAL=60s
# --shape batched: readings per message, and a target above what this machine can take, so that both measure a limit
BATCHED_SIZE=50
BATCHED_RATE=${ENVMON_BENCH_BATCH_RATE:-200000}
# --shape latency: the district's registry at this rate, one reading per point per simulated minute, long enough
# for every point to close many hours (an hour of a point every ~0.6 s of wall time at 20 000/s)
LATENCY_RATE=${ENVMON_BENCH_LATENCY_RATE:-20000}
LATENCY_STEP=${ENVMON_BENCH_LATENCY_STEP:-30}
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
METRICS_URL=""
LOAD_REGISTRY=$REGISTRY  # the registry 'load' plays (sites5000: the generated one)
LOAD_EXTRA=()            # more options of the full service's 'load' steps (sites5000: --interval)
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
ROWS=()          # the current phase's table rows
BEST=""          # the current phase's highest steady target rate
BATCH_RESULT=""  # the current phase's batch line, in words

bench_usage() {
  cat <<USAGE
Usage: ./envmon bench [--no-build] [--shape ladder|sites5000|batched|latency|all] [--phase mosquitto|service|both]

--shape ladder (the default) measures the highest steady rate of 'load' (readings per second, single-reading
messages) on this machine:

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

--shape sites5000: the full service with a generated registry of ${SITES} air stations P-0 ... P-$((SITES - 1)) (in the
temporary folder), one 'load' step at ${SITES_RATE} readings/s over ${CONNECTIONS} shared connections, then 'verify'. 'load'
goes round-robin over the registry with --interval ${SITES_INTERVAL}: each station sends one reading per simulated
minute (consecutive readings of a station are stamped 60 s apart, $(awk -v n="$SITES" -v r="$SITES_RATE" 'BEGIN { printf "%.2g", n / r }') s apart in wall time).
One result line: achieved and stored, and the ingest process's CPU seconds and peak RSS over the step.

--shape batched: batches of ${BATCHED_SIZE} readings per message at ${BATCHED_RATE} readings/s, one step against mosquitto alone
(sink) and one against the full service, both in this run; prints both and the ratio service/mosquitto.

--shape latency: the full service with the district's registry at ${LATENCY_RATE} readings/s for ${LATENCY_STEP} s, one reading per
point per simulated minute, so that every point closes an hour every ~0.6 s and the hourly rules raise and resolve
alerts all along; prints the alert latency (envmon_alerts_latency_seconds: from the storage of the reading that
closed the hour to the broker's acknowledgement of the alert event; p50, p99, max over the last 2 minutes).

--shape all: ladder (as --phase says), sites5000, batched, latency.

In every step against the full service, the ingest process's CPU time (utime + stime from /proc/PID/stat, from
the start of 'load' to the end of 'verify') and peak RSS (VmHWM of /proc/PID/status, reset before the step by
writing 5 to /proc/PID/clear_refs) are measured.

  --no-build   do not run 'mvn -B -q package -DskipTests' first
  --shape S    ladder, sites5000, batched or all (default: ladder)
  --phase P    ladder only: mosquitto, service or both (default: both)

Environment (defaults in brackets):
  ENVMON_BENCH_RATES        target rates of the ladder, readings/s [2000 5000 10000 20000 40000]
  ENVMON_BENCH_STEP         measured seconds per step [10]
  ENVMON_BENCH_WARMUP       seconds sent before each step's measurement, left out of its figures [2]
  ENVMON_BENCH_CONNECTIONS  MQTT connections of 'load' [10]
  ENVMON_BENCH_QOS          QoS of 'load' and of the sink's subscription [1]
  ENVMON_BENCH_BATCH        readings per message of the batch step; 0 for no batch step [20]
  ENVMON_BENCH_BATCH_RATE   target rate of the batch step, readings/s [ladder: 50000; --shape batched: 200000]
  ENVMON_BENCH_SITES_RATE   --shape sites5000: target rate, readings/s [10000]
  ENVMON_BENCH_LATENCY_RATE --shape latency: target rate, readings/s [20000]
  ENVMON_BENCH_LATENCY_STEP --shape latency: seconds of load [30]
  ENVMON_BENCH_VERIFY_WAIT  seconds 'verify' waits for the service to store a step [60]
  ENVMON_BENCH_MAX_LAG      phase 2: seconds after a step within which all must be stored to count as steady [5]
  ENVMON_BENCH_KEEP         1: keep the temporary folder with the servers' data and every step's output [0]
  ENVMON_RUN_SIMULATOR_JAR, ENVMON_RUN_INGEST_JAR, ENVMON_RUN_REGISTRY: other jars or registry, as for ./envmon run
  ENVMON_JAVA_OPTS          JVM options of the ingest service [-Xmx512m -XX:+ExitOnOutOfMemoryError]
USAGE
}

main() {
  local build=1 phase=both shape=ladder
  while (($#)); do
    case $1 in
      --no-build) build=0; shift ;;
      --phase) phase=${2:-}; shift 2 || true ;;
      --phase=*) phase=${1#*=}; shift ;;
      --shape) shape=${2:-}; shift 2 || true ;;
      --shape=*) shape=${1#*=}; shift ;;
      -h|--help) bench_usage; return 0 ;;
      *) bench_usage >&2; warn "unknown option for bench: $1"; exit 2 ;;
    esac
  done
  [[ $phase == mosquitto || $phase == service || $phase == both ]] || { bench_usage >&2; warn "--phase must be mosquitto, service or both"; exit 2; }
  [[ $shape == ladder || $shape == sites5000 || $shape == batched || $shape == latency || $shape == all ]] || { bench_usage >&2; warn "--shape must be ladder, sites5000, batched, latency or all"; exit 2; }
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

  print_header "$shape"
  local summary=()
  if [[ $shape == ladder || $shape == all ]]; then
    if [[ $phase != service ]]; then
      phase_mosquitto
      summary+=("mosquitto alone:  highest steady rate ${BEST:-none of the steps} readings/s (single readings, QoS $QOS, $CONNECTIONS connections)${BATCH_RESULT:+; $BATCH_RESULT}")
    fi
    if [[ $phase != mosquitto ]]; then
      phase_service
      summary+=("full service:     highest steady rate with nothing missing ${BEST:-none of the steps} readings/s (stored within ${MAX_LAG} s after each step)${BATCH_RESULT:+; $BATCH_RESULT}")
    fi
  fi
  if [[ $shape == sites5000 || $shape == all ]]; then
    shape_sites
    summary+=("$SHAPE_RESULT")
  fi
  if [[ $shape == batched || $shape == all ]]; then
    shape_batched
    summary+=("$SHAPE_RESULT")
  fi
  if [[ $shape == latency || $shape == all ]]; then
    shape_latency
    summary+=("$SHAPE_RESULT")
  fi
  say ""
  say "RESULT on $(nproc) cores:"
  printf '  %s\n' "${summary[@]}"
}

check_settings() {
  local name value
  for name in STEP WARMUP CONNECTIONS QOS BATCH BATCH_RATE VERIFY_WAIT MAX_LAG KEEP LATENCY_RATE LATENCY_STEP; do
    value=${!name}
    [[ $value =~ ^[0-9]+$ ]] || die "ENVMON_BENCH_$name must be a whole number, not '$value'"
  done
  [[ $SITES_RATE =~ ^[1-9][0-9]*$ ]] || die "ENVMON_BENCH_SITES_RATE must be a whole number of readings/s, not '$SITES_RATE'"
  [[ $BATCHED_RATE =~ ^[1-9][0-9]*$ ]] || die "ENVMON_BENCH_BATCH_RATE must be a whole number of readings/s, not '$BATCHED_RATE'"
  ((${#RATES[@]} > 0)) || die "ENVMON_BENCH_RATES is empty"
  for value in "${RATES[@]}"; do
    [[ $value =~ ^[1-9][0-9]*$ ]] || die "ENVMON_BENCH_RATES must hold whole numbers of readings/s, not '$value'"
  done
  ((STEP >= 3)) || die "ENVMON_BENCH_STEP must be at least 3 s (the first and last second are left out of the figures)"
}

print_header() {
  local shape=$1 java_opts=()
  ingest_java_opts java_opts
  case $shape in
    ladder) say "envmon bench: 'load' against mosquitto alone, then against the full service" ;;
    sites5000) say "envmon bench --shape sites5000: the full service with a registry of $SITES stations at $SITES_RATE readings/s" ;;
    batched) say "envmon bench --shape batched: batches of $BATCHED_SIZE against mosquitto alone and against the full service" ;;
    latency) say "envmon bench --shape latency: the full service with the district's registry at $LATENCY_RATE readings/s, alert latency" ;;
    all) say "envmon bench --shape all: the ladder against mosquitto alone and the full service, then sites5000, then batched, then latency" ;;
  esac
  say "  machine    $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start (figures mean something only on a quiet machine)"
  say "  software   $(java -version 2>&1 | head -n 1), $("$(mosquitto_bin)" -h 2>&1 | head -n 1 | cut -d' ' -f1-3), influxd $("$(influxd_bin)" version 2>/dev/null | cut -d' ' -f2 || echo '?')"
  if [[ $shape == ladder || $shape == all ]]; then
    say "  steps      ${RATES[*]} readings/s, single readings, QoS $QOS, $CONNECTIONS connections, ${STEP} s each after ${WARMUP} s of warm-up$(if ((BATCH > 0)); then echo "; then --batch $BATCH at $BATCH_RATE/s"; fi)"
  fi
  if [[ $shape == sites5000 || $shape == all ]]; then
    say "  sites5000  $SITES stations, one reading each per simulated minute, $SITES_RATE readings/s, single readings, QoS $QOS, $CONNECTIONS shared connections, ${STEP} s after ${WARMUP} s of warm-up"
  fi
  if [[ $shape == batched || $shape == all ]]; then
    say "  batched    --batch $BATCHED_SIZE at $BATCHED_RATE readings/s, QoS $QOS, $CONNECTIONS connections, ${STEP} s after ${WARMUP} s of warm-up: mosquitto alone, then the full service"
  fi
  if [[ $shape == latency || $shape == all ]]; then
    say "  latency    the district's registry, one reading per point per simulated minute, $LATENCY_RATE readings/s, single readings, QoS $QOS, $CONNECTIONS connections, ${LATENCY_STEP} s after ${WARMUP} s of warm-up"
  fi
  say "  ingest     JVM options: ${java_opts[*]:-none (ENVMON_JAVA_OPTS is empty)}"
  say "  files      $BENCH_DIR ($( ((KEEP)) && echo kept || echo 'removed at the end; ENVMON_BENCH_KEEP=1 keeps it'))"
}

# run_load LOG RATE BATCH [LOAD OPTIONS...]: one step of `load` in the foreground, its summary as a JSON line
# (--output json) and its errors in LOG; LOAD_CODE is its exit code
run_load() {
  local log=$1 rate=$2 batch=$3
  shift 3
  LOAD_CODE=0
  java -jar "$SIM_JAR" load --registry "$LOAD_REGISTRY" --mqtt-url "$MQTT_URL" --rate "$rate" --batch "$batch" \
    --duration "${STEP}s" --warm-up "${WARMUP}s" --connections "$CONNECTIONS" --qos "$QOS" --quiet --output json "$@" \
    >"$log" 2>&1 || LOAD_CODE=$?
}

# field FILE REGEX: the first capture group of the first line of FILE that matches the extended REGEX (no '#')
field() { sed -n -E "s#$2#\\1#p" "$1" | head -n 1; }

# summary_value LOG KEY: the value of KEY in the summary of `load --output json` in LOG, a flat JSON object of
# numbers and booleans on one line (docs/simulator.md); empty when there is none (load failed) or it is null
summary_value() {
  grep -m 1 '^{"type":"summary"' "$1" | tr -d '{}' | tr ',' '\n' \
    | awk -F: -v key="\"$2\"" '$1 == key && $2 != "null" { print $2; exit }'
}

# load_figures LOG: sets SENT ACHIEVED MIN MEDIAN MAX HELD LOAD_SECONDS from a `load --output json` output
load_figures() {
  local log=$1 rate held
  SENT=$(summary_value "$log" sent)
  LOAD_SECONDS=$(summary_value "$log" elapsed)
  rate=$(summary_value "$log" rate)
  ACHIEVED=$(printf '%.0f' "${rate:-0}")
  MIN=$(summary_value "$log" min)
  MEDIAN=$(summary_value "$log" median)
  MAX=$(summary_value "$log" max)
  held=$(summary_value "$log" held)
  HELD=$([[ $held == true ]] && echo yes || echo no)
  : "${SENT:=0}" "${MIN:=-}" "${MEDIAN:=-}" "${MAX:=-}" "${LOAD_SECONDS:=0}"
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
  RECEIVED=$received
  SINK_SECONDS=$(field "$sink_log" '.* in ([0-9.]+) s from the first to the last message.*')
  : "${SINK_SECONDS:=0}"
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
  local dir=$BENCH_DIR/full-service
  start_service "$dir" "$REGISTRY"
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
  printf '  %8s %5s %10s %7s %8s %7s %4s %9s %9s %7s %9s %6s %7s %9s\n' target/s batch achieved/s min/s median/s max/s held sent stored missing stored-in steady cpu-s peak-RSS
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
  ingest_usage_start
  run_load "$load_log" "$rate" "$batch" --ledger "$ledger" "${older[@]}" "${LOAD_EXTRA[@]}"
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
  ingest_usage_end
  check_servers_alive

  load_figures "$load_log"
  local stored lag steady=no
  STORED_IN_MS=$((verified_ms - ended_ms))
  stored=$(field "$verify_log" '^readings: .*, stored ([0-9]+), missing.*')
  MISSING=$(field "$verify_log" '^readings: .*, missing ([0-9]+),.*')
  : "${stored:=0}" "${MISSING:=$SENT}"
  STORED=$stored
  lag=$(awk -v ms=$((verified_ms - ended_ms)) 'BEGIN { printf "%.1f s", ms / 1000 }')
  if ((code != 0)); then lag="not in ${VERIFY_WAIT} s"; fi
  if [[ $HELD == yes ]] && ((code == 0 && MISSING == 0 && LOAD_CODE == 0 && verified_ms - ended_ms <= MAX_LAG * 1000)); then
    steady=yes
    if ((batch == 1)); then BEST=$rate; fi
  fi
  LAST_STEADY_WORD=$([[ $steady == yes ]] && echo steady || echo "not steady")
  UNTIL=$(before "$(field "$ledger" '.*"simulatedFrom" : "([^"]+)".*' 2>/dev/null || true)")
  STORED_IN=$lag
  ROWS+=("$(printf '  %8s %5s %10s %7s %8s %7s %4s %9s %9s %7s %9s %6s %7s %9s' "$rate" "$batch" "$ACHIEVED" "$MIN" "$MEDIAN" "$MAX" "$HELD" "$SENT" "$stored" "$MISSING" "$lag" "$steady" "$CPU_S" "$PEAK_RSS")$(load_failed_note "$load_log")")
  alert_latency
  say "  step $rate readings/s (batch $batch): achieved $ACHIEVED, per second $MIN..$MAX, held $HELD; stored $stored of $SENT, missing $MISSING, all stored $lag after the step; ingest CPU $CPU_S s, peak RSS $PEAK_RSS; alert latency $ALERT_LATENCY"
}

# alert_latency: sets ALERT_LATENCY from the service's envmon_alerts_latency_seconds (the storage of the reading
# that raised an alert event to the broker's acknowledgement of the event; quantiles over the last 2 minutes)
alert_latency() {
  ALERT_LATENCY="-"
  [[ -n $METRICS_URL ]] || return 0
  ALERT_LATENCY=$(curl -s -m 5 "$METRICS_URL" | awk '
    /^envmon_alerts_latency_seconds\{.*quantile="0.5"/ { p50 = $NF }
    /^envmon_alerts_latency_seconds\{.*quantile="0.99"/ { p99 = $NF }
    /^envmon_alerts_latency_seconds_max/ { max = $NF }
    /^envmon_alerts_latency_seconds_count/ { n = $NF }
    END {
      if (n == "" || n == 0) print "- (no alert event raised by a reading)"
      else printf "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d events since start)", p50 * 1000, p99 * 1000, max * 1000, n
    }')
}

# --- the ingest process's CPU time and peak RSS over a step -------------------------------------------------

# ingest_pid: the JVM of the ingest service (start_bg's setsid execs into env, env into java: the same pid)
ingest_pid() { printf '%s' "${PIDS[ingest]:-}"; }

# cpu_ticks PID: utime + stime of PID in clock ticks (fields 14 and 15 of /proc/PID/stat), empty when it is gone
cpu_ticks() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  # the fields after the command name "(...)", which may hold blanks: field 3 (state) is fields[0]
  read -r -a fields <<<"${stat##*) }"
  printf '%s' $((fields[11] + fields[12]))
}

# peak_rss_kb PID: VmHWM of PID in kB, empty when it is gone
peak_rss_kb() { awk '$1 == "VmHWM:" { print $2 }' "/proc/$1/status" 2>/dev/null || true; }

# ingest_usage_start: resets the ingest process's peak RSS to its current RSS (writing 5 to clear_refs: root, or its
# owner) and notes its CPU time; ingest_usage_end sets CPU_S (CPU seconds since the start), CPU_WALL_S (wall seconds
# since the start) and PEAK_RSS ("312 MB"; "312 MB*" when the reset failed: the peak since the process started)
ingest_usage_start() {
  local pid
  pid=$(ingest_pid)
  RSS_RESET=0
  USAGE_TICKS=""
  USAGE_MS=$(date +%s%3N)
  [[ -n $pid ]] || return 0
  if { echo 5 >"/proc/$pid/clear_refs"; } 2>/dev/null; then RSS_RESET=1; fi
  USAGE_TICKS=$(cpu_ticks "$pid")
}

ingest_usage_end() {
  local pid ticks kb
  pid=$(ingest_pid)
  CPU_S=-
  PEAK_RSS=-
  CPU_WALL_S=$(awk -v ms=$(($(date +%s%3N) - USAGE_MS)) 'BEGIN { printf "%.1f", ms / 1000 }')
  [[ -n $pid && -n $USAGE_TICKS ]] || return 0
  ticks=$(cpu_ticks "$pid")
  kb=$(peak_rss_kb "$pid")
  if [[ -n $ticks ]]; then
    CPU_S=$(awk -v t=$((ticks - USAGE_TICKS)) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')
  fi
  if [[ -n $kb ]]; then
    PEAK_RSS="$(((kb + 512) / 1024)) MB$( ((RSS_RESET)) || echo '*')"
  fi
}

# --- --shape latency: alert latency under load --------------------------------------------------------------

shape_latency() {
  say ""
  say "== latency: full service, the district's registry, one reading per point per simulated minute, $LATENCY_RATE readings/s =="
  local dir=$BENCH_DIR/latency step=$STEP
  mkdir -p "$dir"
  start_service "$dir" "$REGISTRY"
  LOAD_EXTRA=(--interval 60s)
  UNTIL=""
  STEP=$LATENCY_STEP
  service_step "$dir" "$LATENCY_RATE" 1
  STEP=$step
  LOAD_EXTRA=()
  stop_service
  SHAPE_RESULT="latency:          the district's registry, target $LATENCY_RATE readings/s: achieved $ACHIEVED (held $HELD), stored $STORED of $SENT, missing $MISSING ($LAST_STEADY_WORD); alert latency $ALERT_LATENCY"
  say ""
  say "  $SHAPE_RESULT"
}

# --- --shape sites5000: a registry of 5 000 stations -------------------------------------------------------

# write_sites_registry FILE: air stations P-0 ... P-(SITES-1), spread over the district's square (lat/lon only
# feed the value models' correlation by distance)
write_sites_registry() {
  awk -v n="$SITES" 'BEGIN {
    print "# generated by ./envmon bench --shape sites5000: " n " air stations"
    print "air:"
    for (i = 0; i < n; i++) {
      printf "  - {id: P-%d, name: P-%d, lat: %.4f, lon: %.4f}\n", i, i, 37.35 + (i % 100) * 0.0015, 112.45 + int(i / 100) * 0.006
    }
  }' >"$1"
}

shape_sites() {
  say ""
  say "== sites5000: full service, $SITES stations, one reading each per simulated minute, $SITES_RATE readings/s =="
  local dir=$BENCH_DIR/sites5000
  mkdir -p "$dir"
  write_sites_registry "$dir/registry.yaml"
  start_service "$dir" "$dir/registry.yaml"
  LOAD_REGISTRY=$dir/registry.yaml
  LOAD_EXTRA=(--interval "$SITES_INTERVAL")
  UNTIL=""
  service_step "$dir" "$SITES_RATE" 1
  LOAD_REGISTRY=$REGISTRY
  LOAD_EXTRA=()
  stop_service
  local cores
  cores=$(awk -v c="$CPU_S" -v w="$CPU_WALL_S" 'BEGIN { if (c == "-" || w <= 0) print "-"; else printf "%.2f", c / w }')
  SHAPE_RESULT="sites5000:        $SITES stations, target $SITES_RATE readings/s: achieved $ACHIEVED (held $HELD), stored $STORED of $SENT, missing $MISSING, all stored $STORED_IN after the step ($LAST_STEADY_WORD); ingest CPU $CPU_S s in $CPU_WALL_S s ($cores cores), peak RSS $PEAK_RSS; alert latency $ALERT_LATENCY"
  say ""
  say "  $SHAPE_RESULT"
}

# --- --shape batched: batches of 50, mosquitto alone against the full service --------------------------------

shape_batched() {
  say ""
  say "== batched: --batch $BATCHED_SIZE at $BATCHED_RATE readings/s, mosquitto alone, then the full service =="
  local dir=$BENCH_DIR/batched port
  mkdir -p "$dir/alone/mosquitto"
  free_port port
  start_mosquitto "$dir/alone/mosquitto" "$port"
  MQTT_URL="tcp://127.0.0.1:$port"
  ROWS=()
  mosquitto_step "$dir/alone" "$BATCHED_RATE" "$BATCHED_SIZE"
  stop_component mosquitto 10
  local alone_achieved=$ACHIEVED alone_held=$HELD alone_sent=$SENT alone_received=$RECEIVED alone_word=$LAST_STEADY_WORD
  local alone_e2e
  alone_e2e=$(awk -v n="$RECEIVED" -v s="$SINK_SECONDS" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')

  start_service "$dir/service" "$REGISTRY"
  UNTIL=""
  service_step "$dir/service" "$BATCHED_RATE" "$BATCHED_SIZE"
  stop_service
  local service_e2e
  service_e2e=$(awk -v n="$STORED" -v s="$LOAD_SECONDS" -v ms="$STORED_IN_MS" 'BEGIN { t = s + ms / 1000; printf "%.0f", (t > 0 ? n / t : 0) }')

  say ""
  say "  mosquitto alone  achieved $alone_achieved readings/s (held $alone_held), sink received $alone_received of $alone_sent in ${SINK_SECONDS} s: $alone_e2e readings/s end to end ($alone_word)"
  say "  full service     achieved $ACHIEVED readings/s (held $HELD), stored $STORED of $SENT (missing $MISSING) in ${LOAD_SECONDS} s + $STORED_IN: $service_e2e readings/s end to end ($LAST_STEADY_WORD); ingest CPU $CPU_S s, peak RSS $PEAK_RSS"
  local ratio_e2e ratio_achieved
  ratio_e2e=$(awk -v a="$service_e2e" -v b="$alone_e2e" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  ratio_achieved=$(awk -v a="$ACHIEVED" -v b="$alone_achieved" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  say "  service/mosquitto  $ratio_e2e end to end (stored vs received per second), $ratio_achieved of load's achieved rate"
  SHAPE_RESULT="batched of $BATCHED_SIZE:    target $BATCHED_RATE readings/s: mosquitto alone $alone_e2e readings/s end to end (achieved $alone_achieved), full service $service_e2e (achieved $ACHIEVED, missing $MISSING); service/mosquitto $ratio_e2e end to end, $ratio_achieved achieved; ingest CPU $CPU_S s, peak RSS $PEAK_RSS"
}

# start_service DIR REGISTRY: influxd (database env), mosquitto and the ingest service with REGISTRY, their data and
# logs in DIR; sets MQTT_URL and INFLUX_URL
start_service() {
  local dir=$1 registry=$2 mqtt_port influx_port influx_rpc_port http_port
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
  METRICS_URL="http://127.0.0.1:$http_port/metrics"
  RUN_DIR=$dir
  start_ingest "$INGEST_JAR" "$registry" "$MQTT_URL" "$INFLUX_URL" "$http_port"
  RUN_DIR=$BENCH_DIR
}

stop_service() {
  stop_component ingest 20 "stopping ingest (SIGTERM, up to 20 s to flush)"
  stop_component mosquitto 10
  stop_component influxd 15
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
