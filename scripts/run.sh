# shellcheck shell=bash
# `./envmon run`: mosquitto + influxd + the ingest service + the simulator on free loopback ports, with a live
# summary of the service's /metrics. Sourced by ./envmon after scripts/lib.sh.

ORDER=(simulator ingest mosquitto influxd)   # stop order: sources before sinks
STOP_REASON=""
RUN_STARTED=$SECONDS
FINAL_METRICS=""
INFLUX_COUNTS=""
INGEST_EXIT=""

run_usage() {
  cat <<'USAGE'
Usage: ./envmon run [--scenario NAMES] [--duration SECONDS] [--no-build] [--servers-only]

Starts, on free 127.0.0.1 ports and in run/<timestamp>/: mosquitto, influxd (database "env"), the ingest service
(ingest/target/envmon-ingest.jar) and the simulator (simulator/target/envmon-simulator.jar: every site of
config/taigu.yaml reports every simulated minute, 60x accelerated, from a day back, placed so that the first hour
closes within a minute), then prints a summary of the service's /metrics and the text of each new alert event
every 5 s. Ctrl-C or SIGTERM stops everything in order (simulator, ingest, mosquitto, influxd).

  --scenario NAMES    simulator scenarios of config/scenarios/, comma-separated or repeated (e.g. winter-episode,
                      enterprise-exceedance; docs/simulator.md#scenarios)
  --duration SECONDS  stop by itself after SECONDS (for non-interactive use)
  --no-build          do not run `mvn -B -q package -DskipTests` first
  --servers-only      start only mosquitto and influxd, and print the ENVMON_* settings that start an ingest
                      service against them (e.g. from an IDE)

Environment: ENVMON_RUN_INGEST_JAR, ENVMON_RUN_SIMULATOR_JAR, ENVMON_RUN_REGISTRY override the three paths above.
ENVMON_WEBHOOKS (and the variables its channels name) goes to the service: the summary shows the active alert
channels (DingTalk, WeCom, Feishu, e-mail, webhooks; docs/webhooks.md).
ENVMON_JAVA_OPTS: the ingest service's JVM options (default: -Xmx512m -XX:+ExitOnOutOfMemoryError, see
docs/operations.md#memory); the simulator keeps the JVM's defaults.
USAGE
}

cmd_run() {
  local duration="" build=1 servers_only=0 scenarios=""
  while (($#)); do
    case $1 in
      --scenario)
        [[ -n ${2:-} && ${2:-} != -* ]] || die "--scenario needs scenario names, e.g. --scenario winter-episode"
        scenarios+=${scenarios:+,}$2; shift 2 ;;
      --scenario=*) scenarios+=${scenarios:+,}${1#*=}; shift ;;
      --duration)
        [[ ${2:-} =~ ^[0-9]+$ ]] || die "--duration needs a number of seconds"
        duration=$2; shift 2 ;;
      --duration=*) duration=${1#*=}; [[ $duration =~ ^[0-9]+$ ]] || die "--duration needs a number of seconds"; shift ;;
      --no-build) build=0; shift ;;
      --servers-only) servers_only=1; shift ;;
      -h|--help) run_usage; return 0 ;;
      *) run_usage >&2; die "unknown option for run: $1" ;;
    esac
  done

  cd "$ROOT" || die "cannot cd to $ROOT"
  ensure_packages

  if ((build)); then
    build_project
  fi

  # the overrides let the script be tried with other builds (or stand-ins) of the two programs
  local ingest_jar=${ENVMON_RUN_INGEST_JAR:-$ROOT/ingest/target/envmon-ingest.jar}
  local simulator_jar=${ENVMON_RUN_SIMULATOR_JAR:-$ROOT/simulator/target/envmon-simulator.jar}
  local registry=${ENVMON_RUN_REGISTRY:-$ROOT/config/taigu.yaml}
  if ((!servers_only)); then
    local problem=""
    [[ -f $ingest_jar ]] || problem+=$'\n'"  ${ingest_jar#"$ROOT/"} not found (the ingest module has not produced its jar yet?)"
    [[ -f $simulator_jar ]] || problem+=$'\n'"  ${simulator_jar#"$ROOT/"} not found (the simulator module has not produced its jar yet?)"
    [[ -f $registry ]] || problem+=$'\n'"  ${registry#"$ROOT/"} not found (the site registry)"
    local name
    for name in ${scenarios//,/ }; do
      [[ -f $ROOT/config/scenarios/$name.yaml || -f $name ]] \
        || problem+=$'\n'"  scenario '$name' not found in config/scenarios/ ($(scenario_names))"
    done
    [[ -z $problem ]] || die "cannot run the pipeline:$problem"$'\n'"Build with 'mvn -B package -DskipTests', or use --servers-only to start just mosquitto and InfluxDB."
    command -v java >/dev/null 2>&1 || die "java not found"
  fi

  local run_dir
  run_dir="$ROOT/run/$(date +%Y%m%d-%H%M%S)"
  [[ -e $run_dir ]] && run_dir+="-$$"
  mkdir -p "$run_dir/mosquitto" "$run_dir/influxdb" || die "cannot create $run_dir"
  RUN_DIR=$run_dir

  # until everything runs, a signal just exits: the EXIT trap stops what was started
  trap 'cleanup_on_exit' EXIT
  trap 'warn "interrupted during start-up"; exit 130' INT
  trap 'warn "terminated during start-up"; exit 143' TERM

  local mqtt_port influx_port influx_rpc_port http_port
  free_port mqtt_port
  free_port influx_port
  free_port influx_rpc_port
  free_port http_port

  start_mosquitto "$run_dir/mosquitto" "$mqtt_port"
  start_influxd "$run_dir/influxdb" "$influx_port" "$influx_rpc_port"
  create_database "$influx_port" env

  local mqtt_url="tcp://127.0.0.1:$mqtt_port" influx_url="http://127.0.0.1:$influx_port"
  local http_url="http://127.0.0.1:$http_port"
  if ((!servers_only)); then
    start_ingest "$ingest_jar" "$registry" "$mqtt_url" "$influx_url" "$http_port"
    start_simulator "$simulator_jar" "$registry" "$mqtt_url" "$scenarios"
    start_alert_stream "$http_url"
  fi

  print_where "$mqtt_port" "$influx_port" "$http_url" "$servers_only" "$duration" "$scenarios"
  if ((servers_only)); then
    print_ingest_settings "$mqtt_url" "$influx_url" "$registry"
  fi

  trap 'STOP_REASON=${STOP_REASON:-SIGINT}' INT
  trap 'STOP_REASON=${STOP_REASON:-SIGTERM}' TERM
  RUN_STARTED=$SECONDS
  local deadline=$((duration ? SECONDS + duration : 0))
  local previous_received="" previous_ms="" now_ms next_summary_ms
  next_summary_ms=$(($(date +%s%3N) + 5000))
  while :; do
    sleep 1 & wait $! 2>/dev/null
    [[ -n $STOP_REASON ]] && break
    check_alive || { stop_all; exit 1; }
    if ((deadline && SECONDS >= deadline)); then
      STOP_REASON="--duration ${duration}s elapsed"
      break
    fi
    now_ms=$(date +%s%3N)
    if ((!servers_only && now_ms >= next_summary_ms)); then
      summary_line "$http_url" "$previous_received" "$previous_ms" "$now_ms"
      print_new_alerts
      next_summary_ms=$((next_summary_ms + 5000))
      ((next_summary_ms > now_ms)) || next_summary_ms=$((now_ms + 5000))
    fi
  done

  say ""
  say "envmon: stopping ($STOP_REASON) ..."
  stop_all "$http_url" "$influx_port"
  print_final "$servers_only"
  exit 0
}

scenario_names() {
  local f names=()
  for f in "$ROOT"/config/scenarios/*.yaml; do
    [[ -e $f ]] && names+=("$(basename "$f" .yaml)")
  done
  local IFS=,
  printf '%s' "${names[*]}"
}

# demo_start: the first simulated time, a day back and 10 minutes into an hour. At 60x an hour takes a wall minute
# and is judged when a reading 1 h 05 min after its start arrives (docs/alerts.md), so the first hour (50 minutes of
# data: a valid hourly mean) closes 55 s after the start. RFC 3339, UTC.
demo_start() {
  local now start
  now=$(date +%s)
  start=$(( (now - 86400) / 3600 * 3600 + 600 ))
  date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ
}

start_simulator() {
  local jar=$1 registry=$2 mqtt_url=$3 scenarios=${4:-}
  local args=(run --registry "$registry" --mqtt-url "$mqtt_url" --interval 60s --speed 60 --start "$(demo_start)")
  if [[ -n $scenarios ]]; then
    args+=(--scenario-dir "$ROOT/config/scenarios" --scenario "$scenarios")
  fi
  # a quoted key: LOGS is declared associative in lib.sh, which shellcheck does not see when checking this file
  LOGS["simulator"]="$RUN_DIR/simulator.log"
  start_bg "${LOGS[simulator]}" java -jar "$jar" "${args[@]}"
  PIDS[simulator]=$STARTED_PID
}

# start_alert_stream URL: follows GET /api/alerts/stream into RUN_DIR/alerts.sse; print_new_alerts shows what came.
# Not a component: when it ends (the service stopped) the run goes on without it.
ALERT_STREAM_PID=""
ALERTS_SHOWN=0
start_alert_stream() {
  start_bg "$RUN_DIR/alerts.sse" curl -s -N "$1/api/alerts/stream?access_token=${API_TOKEN:-}"
  ALERT_STREAM_PID=$STARTED_PID
}

print_new_alerts() {
  local file="$RUN_DIR/alerts.sse" total
  [[ -f $file ]] || return 0
  total=$(wc -l <"$file")
  ((total > ALERTS_SHOWN)) || return 0
  # whole lines only: a line still being written is shown next time
  head -n "$total" "$file" | tail -n "+$((ALERTS_SHOWN + 1))" | awk -f "$ROOT/scripts/alerts.awk" | while IFS= read -r line; do
    say "$line"
  done
  ALERTS_SHOWN=$total
}

stop_alert_stream() {
  if [[ -n $ALERT_STREAM_PID ]]; then
    kill "$ALERT_STREAM_PID" 2>/dev/null || true
    wait "$ALERT_STREAM_PID" 2>/dev/null || true
    ALERT_STREAM_PID=""
  fi
}

# print_ingest_settings MQTT_URL INFLUX_URL REGISTRY: what starts an ingest service against these servers
print_ingest_settings() {
  local http_port
  free_port http_port
  say "  connect an ingest service to them (in another shell, from $ROOT):"
  say "    export ENVMON_MQTT_URL=$1"
  say "    export ENVMON_INFLUX_URL=$2 ENVMON_INFLUX_API=v1 ENVMON_INFLUX_BUCKET=env"
  say "    export ENVMON_REGISTRY=$3"
  say "    export ENVMON_ALERT_RULES=$ROOT/config/alert-rules.yaml ENVMON_HTTP_PORT=$http_port"
  say "    java -jar ingest/target/envmon-ingest.jar      # then: curl http://127.0.0.1:$http_port/health"
  say "  and the simulator:  java -jar simulator/target/envmon-simulator.jar run --registry $3 --mqtt-url $1 --speed 60"
  say ""
}

print_where() {
  local mqtt_port=$1 influx_port=$2 http_url=$3 servers_only=$4 duration=$5 scenarios=${6:-}
  local rel=${RUN_DIR#"$ROOT/"}
  say ""
  say "envmon run: everything in $rel/"
  say "  MQTT broker  tcp://127.0.0.1:$mqtt_port   log $rel/mosquitto/mosquitto.log"
  say "  InfluxDB     http://127.0.0.1:$influx_port  database env, log $rel/influxdb/influxd.log"
  if ((!servers_only)); then
    say "  ingest       $http_url/health  $http_url/metrics  log $rel/ingest.log"
    say "  console      $http_url/   sign in with ${API_TOKEN:-} (bureau)${ENTERPRISE_TOKEN:+ or $ENTERPRISE_TOKEN ($ENTERPRISE_ID)}; docs/console.md"
    say "  alerts       curl -H 'Authorization: Bearer ${API_TOKEN:-}' $http_url/api/alerts   (live: $http_url/api/alerts/stream?access_token=${API_TOKEN:-})"
    say "  channels     $(active_channels)"
    say "  simulator    every site every simulated minute, 60x accelerated from a day back (first hour judged within a minute)${scenarios:+, scenarios $scenarios}, log $rel/simulator.log"
    say "  reports      curl -H 'Authorization: Bearer ${API_TOKEN:-}' '$http_url/api/reports/air/daily'   (also air/monthly, water/monthly, enterprise/monthly; &format=csv)"
    say "  OpenAPI      $http_url/api/openapi.yaml"
  fi
  say "  query        curl -G http://127.0.0.1:$influx_port/query --data-urlencode db=env --data-urlencode \"q=SELECT count(*) FROM air\""
  command -v mosquitto_sub >/dev/null 2>&1 && say "  watch        mosquitto_sub -p $mqtt_port -t 'env/#' -v"
  if [[ -n $duration ]]; then
    say "  stop         after ${duration}s, or Ctrl-C / kill -TERM $$"
  else
    say "  stop         Ctrl-C (or kill -TERM $$)"
  fi
  say ""
}

# active_channels: the alert channels the service reports at start ("alert channels: ..." in its log), or why none
active_channels() {
  local line
  if [[ -z ${ENVMON_WEBHOOKS:-} ]]; then
    printf 'none: set ENVMON_WEBHOOKS=FILE (DingTalk, WeCom, Feishu, e-mail, webhooks: config/webhooks.example.yaml, docs/webhooks.md)'
    return
  fi
  line=$(grep -m 1 -o 'alert channels: .*' "${LOGS[ingest]}" 2>/dev/null || true)
  if [[ -n $line ]]; then
    printf '%s (%s)' "${line#alert channels: }" "$ENVMON_WEBHOOKS"
  else
    printf 'not reported yet (ENVMON_WEBHOOKS=%s; see %s)' "$ENVMON_WEBHOOKS" "${LOGS[ingest]#"$ROOT/"}"
  fi
}

# metrics_line URL: "received stored rejected lag inflight open_alerts reasons" (tab-separated), empty when not answering
metrics_line() {
  local text
  text=$(curl -s -f -m 2 "$1/metrics" 2>/dev/null) || return 1
  awk -f "$ROOT/scripts/metrics.awk" <<<"$text"
}

# formats the "[reason=n ...]" part, sorted
format_reasons() {
  [[ -n $1 ]] || return 0
  printf ' [%s]' "$(tr ' ' '\n' <<<"$1" | sort | paste -sd' ' -)"
}

summary_line() {
  local url=$1 prev=$2 prev_ms=$3 now_ms=$4 line received stored rejected lag inflight reasons alerts
  local clock; clock=$(date +%H:%M:%S)
  if ! line=$(metrics_line "$url"); then
    say "$clock  ingest /metrics not answering"
    return
  fi
  IFS=$'\t' read -r received stored rejected lag inflight alerts reasons <<<"$line"
  local delta=""
  if [[ -n $prev && -n $prev_ms ]] && ((now_ms > prev_ms)); then
    local d=$((received - prev)) ms=$((now_ms - prev_ms))
    delta=" (+$d/$(((ms + 500) / 1000))s = $((d * 1000 / ms))/s)"
  fi
  say "$clock  received $received$delta  stored $stored  rejected $rejected$(format_reasons "$reasons")  lag ${lag}s  inflight $inflight  open alerts ${alerts:-0}"
  # the caller's variables: read by the next call
  previous_received=$received
  previous_ms=$now_ms
}

# check_alive: 0 when every started component still runs; else names the dead one, shows its log, returns 1
check_alive() {
  local name pid
  for name in "${ORDER[@]}"; do
    pid=${PIDS[$name]:-}
    [[ -n $pid ]] || continue
    if ! kill -0 "$pid" 2>/dev/null; then
      component_failed "$name" "died"
      return 1
    fi
  done
  return 0
}

# stop_all [INGEST_URL INFLUX_PORT]: stops what runs, sources first. With the URLs, keeps the last metrics and
# the point counts for the final summary. Idempotent.
stop_all() {
  local url=${1:-} influx_port=${2:-}
  trap '' INT TERM   # finish stopping in order even if asked again
  stop_alert_stream
  stop_component simulator 10
  if [[ -n ${PIDS[ingest]:-} && -n $url ]]; then
    FINAL_METRICS=$(metrics_line "$url" || true)
  fi
  if [[ -n ${PIDS[ingest]:-} ]]; then
    stop_component ingest 20 "stopping ingest (SIGTERM, up to 20 s to flush)"
    INGEST_EXIT=$STOPPED_CODE
  fi
  stop_component mosquitto 10
  if [[ -n ${PIDS[influxd]:-} && -n $influx_port ]]; then
    INFLUX_COUNTS=$(influx_counts "$influx_port")
  fi
  stop_component influxd 15
}

cleanup_on_exit() {
  local code=$?
  ((${#PIDS[@]} == 0)) || stop_all
  exit "$code"
}

# influx_count PORT MEASUREMENT: number of points (the largest per-field count of count(*)), 0 when none
influx_count() {
  curl -s -m 5 -G "http://127.0.0.1:$1/query" --data-urlencode db=env \
      --data-urlencode "q=SELECT count(*) FROM \"$2\"" 2>/dev/null \
    | grep -o '"values":\[\[[^]]*\]' | head -n 1 | sed 's/.*\[\[//' \
    | awk -F, '{ m = 0; for (i = 2; i <= NF; i++) if ($i + 0 > m) m = $i + 0; printf "%d", m }'
}

influx_counts() {
  local m n out=""
  for m in air water emission alert rejected air_hourly air_daily; do
    n=$(influx_count "$1" "$m")
    out+="$m ${n:-0}, "
  done
  printf '%s' "${out%, }"
}

print_final() {
  local servers_only=$1 elapsed=$((SECONDS - RUN_STARTED))
  say ""
  say "envmon run finished after $((elapsed / 60))m$((elapsed % 60))s ($STOP_REASON)"
  if ((!servers_only)); then
    if [[ -n $FINAL_METRICS ]]; then
      local received stored rejected lag inflight alerts reasons
      IFS=$'\t' read -r received stored rejected lag inflight alerts reasons <<<"$FINAL_METRICS"
      say "  ingest     received $received messages ($((elapsed > 0 ? received / elapsed : received))/s)  stored $stored readings  rejected $rejected$(format_reasons "$reasons")  open alerts $alerts"
    else
      say "  ingest     no final metrics (/metrics did not answer)"
    fi
    if [[ $INGEST_EXIT == 0 ]]; then
      say "  ingest     exited cleanly after SIGTERM"
    else
      say "  ingest     exit code ${INGEST_EXIT:-?} after SIGTERM (the contract expects 0: see ${LOGS[ingest]#"$ROOT/"})"
    fi
  fi
  [[ -n $INFLUX_COUNTS ]] && say "  InfluxDB   points in env: $INFLUX_COUNTS"
  say "  logs/data  ${RUN_DIR#"$ROOT/"}/"
}
