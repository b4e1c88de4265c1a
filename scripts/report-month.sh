#!/usr/bin/env bash
# `./envmon report-month`: the bureau's reports of one replayed month of the district. Starts mosquitto, influxd and
# the ingest service on free loopback ports in a temporary folder, replays a whole month of the registry with the
# simulator (normal days, the integrity patterns, an enterprise exceedance and a section off target in the first
# two days, a winter episode from the 20th), waits until every reading is stored and the month's last day is
# closed, then fetches every report as JSON and CSV into an output folder and prints a summary. docs/reports.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

SIM_JAR=${ENVMON_RUN_SIMULATOR_JAR:-$ROOT/simulator/target/envmon-simulator.jar}
INGEST_JAR=${ENVMON_RUN_INGEST_JAR:-$ROOT/ingest/target/envmon-ingest.jar}
REGISTRY=${ENVMON_RUN_REGISTRY:-$ROOT/config/taigu.yaml}
# what the month holds besides the value models: short scenarios from its start, then an episode
FIRST_SCENARIOS=integrity,enterprise-exceedance,section-off-target
EPISODE=winter-episode
# the district's targets the month is compared with when the rules file sets none (reports.pm25Target, pm10Target,
# goodDayRatioTarget): illustrative figures, not any real plan's
TARGETS=45,85,0.7
# the tick that closes quiet hours once the replay is over (the service's default is 30 s), and how long after its
# last reading a quiet point's hour is closed (window.hourCloseGrace, 5 min by default: the last hour of the month
# would wait that long in wall-clock time; the replay sends each point's readings in order)
ALERT_TICK=5s
HOUR_CLOSE_GRACE=30s

WORK_DIR=""
KEEP=0
HTTP_URL=""
INFLUX_PORT=""

report_usage() {
  cat <<'USAGE'
Usage: ./envmon report-month [--month YYYY-MM] [--interval 5m|1m|DURATION] [--episode-day N] [--days N]
                             [--rate N] [--targets PM25,PM10,RATIO] [--out DIR] [--no-build] [--keep]

Replays one month of config/taigu.yaml through the whole service (mosquitto, influxd and the ingest service on free
127.0.0.1 ports, in a temporary folder) and fetches the bureau's reports of it:

  air/daily      the daily AQI (日报) of the district and every station, each day of the month
  air/monthly    the month's evaluation of the district and every station (PM2.5, PM10, good days, heavy days, O3)
  water/monthly  each river section's class against its target, with the deciding parameters
  enterprise/monthly  each outlet's transmission, validity and effective rates, exceedance hours
  integrity      what the integrity rules found, per enterprise and outlet

each as JSON and CSV (UTF-8 with BOM) into the output folder, then prints a summary. The month holds the value
models' normal days; the scenarios integrity, enterprise-exceedance and section-off-target from its first hour;
and winter-episode from the --episode-day (PM2.5 and PM10 ramping to 4x over two days, held two more).

  --month YYYY-MM     the month, in Beijing time; it must be over (default: the last month)
  --interval D        simulated time between two readings of a point (default 5m). Above 1m the replay uses a copy
                      of the registry in which every point reports at that interval (expectedIntervalSeconds), so
                      the hours are judged as for minute data; 1m replays minute data, about 5 times slower
  --episode-day N     the day of the month the winter episode starts (default 20; 0: no episode)
  --targets P,Q,R     the district's PM2.5 and PM10 targets (µg/m³) and good-day ratio target (0-1) the month is
                      compared with, for a rules file that sets none (default 45,85,0.7: illustrative, not a real
                      plan's); "rules" keeps config/alert-rules.yaml's reports section as it is
  --rate N            messages per second the replay sends (10 readings each; default 400): about what the alert
                      engine evaluates on 2 cores. Faster, the engine falls behind storage and its backlog grows in
                      the service's memory (docs/reports.md#where-the-time-goes)
  --days N            replay only the first N days of the month (a quick try; the figures are then partial)
  --out DIR           where the reports go (default run/report-YYYY-MM/)
  --no-build          do not run `mvn -B -q package -DskipTests` first
  --keep              keep the temporary folder (servers' data and logs) instead of removing it

Takes about 10 minutes on 2 shared cores at 5m (docs/reports.md). Environment: ENVMON_RUN_INGEST_JAR,
ENVMON_RUN_SIMULATOR_JAR, ENVMON_RUN_REGISTRY as for ./envmon run; ENVMON_JAVA_OPTS the service's JVM options.
USAGE
}

main() {
  local month="" interval=5m episode_day=20 days="" out="" build=1 targets=$TARGETS rate=400
  while (($#)); do
    case $1 in
      --month) month=${2:-}; shift 2 || die "--month needs a month, e.g. --month 2026-11" ;;
      --month=*) month=${1#*=}; shift ;;
      --interval) interval=${2:-}; shift 2 || die "--interval needs a duration, e.g. --interval 5m" ;;
      --interval=*) interval=${1#*=}; shift ;;
      --episode-day) episode_day=${2:-}; shift 2 || die "--episode-day needs a day of the month" ;;
      --episode-day=*) episode_day=${1#*=}; shift ;;
      --days) days=${2:-}; shift 2 || die "--days needs a number of days" ;;
      --days=*) days=${1#*=}; shift ;;
      --targets) targets=${2:-}; shift 2 || die "--targets needs PM25,PM10,RATIO, e.g. 45,85,0.7" ;;
      --targets=*) targets=${1#*=}; shift ;;
      --rate) rate=${2:-}; shift 2 || die "--rate needs messages per second, e.g. --rate 400" ;;
      --rate=*) rate=${1#*=}; shift ;;
      --out) out=${2:-}; shift 2 || die "--out needs a folder" ;;
      --out=*) out=${1#*=}; shift ;;
      --no-build) build=0; shift ;;
      --keep) KEEP=1; shift ;;
      -h|--help) report_usage; return 0 ;;
      *) report_usage >&2; die "unknown option for report-month: $1" ;;
    esac
  done

  [[ -n $month ]] || month=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-01) -1 month" +%Y-%m)
  [[ $month =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]] || die "--month must be YYYY-MM, e.g. 2026-11 (got '$month')"
  local interval_s
  interval_s=$(interval_seconds "$interval") || die "--interval must be 1m or more in whole minutes (e.g. 5m), got '$interval'"
  local month_days
  month_days=$(date -d "$month-01 +1 month -1 day" +%d)
  month_days=$((10#$month_days))
  if ! [[ $episode_day =~ ^[0-9]+$ ]] || ((10#$episode_day > month_days)); then
    die "--episode-day must be a day of $month (1-$month_days) or 0 (got '$episode_day')"
  fi
  episode_day=$((10#$episode_day))
  if [[ -n $days ]]; then
    if ! [[ $days =~ ^[0-9]+$ ]] || ((10#$days < 1 || 10#$days > month_days)); then
      die "--days must be 1 to $month_days (got '$days')"
    fi
    days=$((10#$days))
  else
    days=$month_days
  fi

  local from to episode_from=""
  from="$month-01T00:00:00+08:00"
  to=$(date -d "$month-01 +$days day" +%Y-%m-%d)T00:00:00+08:00
  (($(date -d "$to" +%s) <= $(date +%s))) || die "$month is not over yet (it ends $to); give an earlier --month"
  if ((episode_day >= 1 && episode_day <= days)); then
    episode_from=$(date -d "$month-01 +$((episode_day - 1)) day" +%Y-%m-%d)T00:00:00+08:00
  fi
  out=${out:-$ROOT/run/report-$month}
  [[ $rate =~ ^[1-9][0-9]*$ ]] || die "--rate must be a whole number of messages per second (got '$rate')"
  REPLAY_RATE=$rate
  [[ $targets == rules || $targets =~ ^[0-9]+(\.[0-9]+)?,[0-9]+(\.[0-9]+)?,(0(\.[0-9]+)?|1(\.0+)?)$ ]] \
    || die "--targets must be PM25,PM10,RATIO (e.g. 45,85,0.7) or 'rules' (got '$targets')"

  cd "$ROOT" || die "cannot cd to $ROOT"
  ensure_packages
  install_missing_packages jq
  ((build)) && build_project
  local problem=""
  [[ -f $INGEST_JAR ]] || problem+=$'\n'"  ${INGEST_JAR#"$ROOT/"} not found"
  [[ -f $SIM_JAR ]] || problem+=$'\n'"  ${SIM_JAR#"$ROOT/"} not found"
  [[ -f $REGISTRY ]] || problem+=$'\n'"  ${REGISTRY#"$ROOT/"} not found"
  [[ -z $problem ]] || die "cannot replay the month:$problem"$'\n'"Build with 'mvn -B package -DskipTests'."

  WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/envmon-report.XXXXXX")
  RUN_DIR=$WORK_DIR
  trap cleanup EXIT
  trap 'warn "interrupted"; exit 130' INT
  trap 'warn "terminated"; exit 143' TERM
  mkdir -p "$WORK_DIR/mosquitto" "$WORK_DIR/influxdb" "$out" || die "cannot create $WORK_DIR or $out"
  out=$(cd "$out" && pwd)

  local registry=$REGISTRY
  if ((interval_s != 60)); then
    registry=$WORK_DIR/registry.yaml
    registry_at_interval "$REGISTRY" "$interval_s" "$registry"
  fi

  run_rules "$ROOT/config/alert-rules.yaml" "$targets" "$WORK_DIR/alert-rules.yaml"
  export ENVMON_RUN_ALERT_RULES=$WORK_DIR/alert-rules.yaml

  local started=$SECONDS mqtt_port influx_port influx_rpc_port http_port
  free_port mqtt_port
  free_port influx_port
  free_port influx_rpc_port
  free_port http_port
  INFLUX_PORT=$influx_port
  HTTP_URL="http://127.0.0.1:$http_port"
  say "envmon report-month: $month ($days days from $from), one reading per point every $interval, in $WORK_DIR"
  start_mosquitto "$WORK_DIR/mosquitto" "$mqtt_port"
  start_influxd "$WORK_DIR/influxdb" "$influx_port" "$influx_rpc_port"
  create_database "$influx_port" env
  ENVMON_ALERT_TICK=$ALERT_TICK start_ingest "$INGEST_JAR" "$registry" "tcp://127.0.0.1:$mqtt_port" \
    "http://127.0.0.1:$influx_port" "$http_port"

  local replay_started=$SECONDS sent=0 part_to
  part_to=${episode_from:-$to}
  if [[ $part_to != "$from" ]]; then
    replay_part "$registry" "$mqtt_port" "$from" "$part_to" "$interval" "$FIRST_SCENARIOS" first
    sent=$((sent + REPLAYED))
  fi
  if [[ -n $episode_from ]]; then
    local names=$EPISODE
    [[ $episode_from == "$from" ]] && names=$FIRST_SCENARIOS,$EPISODE
    replay_part "$registry" "$mqtt_port" "$episode_from" "$to" "$interval" "$names" episode
    sent=$((sent + REPLAYED))
  fi
  local replay_took=$((SECONDS - replay_started))

  local wait_started=$SECONDS
  await_stored "$sent"
  await_engine
  local stored_took=$((SECONDS - wait_started))
  local last_day
  last_day=$(TZ=Asia/Shanghai date -d "$to -1 day" +%Y-%m-%d)
  await_closed "$(date -d "$to -1 hour" -u +%Y-%m-%dT%H:%M:%SZ)" "$(date -d "$last_day" +%Y-%m-%d)"
  local closed_took=$((SECONDS - wait_started - stored_took))

  fetch_reports "$month" "$(date -d "$from" +%Y-%m-%d)" "$last_day" "$out"
  summary "$month" "$out" "$days" "$month_days"
  say ""
  say "took $((SECONDS - started)) s: replay $replay_took s ($sent readings), storing and evaluating after it $stored_took s, closing the last hours $closed_took s"
  say "(storing and evaluating after the replay: the alert engine runs behind storage; docs/reports.md)"
  say "reports in ${out#"$ROOT/"}/ (JSON and CSV)"
}

# interval_seconds DURATION: whole minutes as seconds (1m, 5m, 10m, 300s)
interval_seconds() {
  local d=$1 n
  case $d in
    *m) n=${d%m}; [[ $n =~ ^[0-9]+$ ]] || return 1; n=$((10#$n * 60)) ;;
    *s) n=${d%s}; [[ $n =~ ^[0-9]+$ ]] || return 1; n=$((10#$n)) ;;
    *) return 1 ;;
  esac
  ((n >= 60 && n % 60 == 0 && n <= 3600)) || return 1
  printf '%d' "$n"
}

# registry_at_interval IN SECONDS OUT: the registry with every station, section and outlet reporting every SECONDS
# (each is a flow mapping '- {id: ...}' in the generated file): the service then takes one reading as standing for
# SECONDS of the hour (docs/alerts.md#time-and-windows)
registry_at_interval() {
  local in=$1 seconds=$2 outfile=$3 points changed
  grep -q 'expectedIntervalSeconds' "$in" && die "${in#"$ROOT/"} sets expectedIntervalSeconds already: replay it with --interval 1m"
  sed -E "s/^( *- )\{id: /\1{expectedIntervalSeconds: $seconds, id: /" "$in" >"$outfile"
  points=$(grep -cE '^ *- \{id: ' "$in" || true)
  changed=$(grep -c "expectedIntervalSeconds: $seconds" "$outfile" || true)
  ((points > 0 && changed == points)) || die "could not set the interval in a copy of ${in#"$ROOT/"} ($changed of $points points)"
}

# run_rules IN P,Q,R|rules OUT: the rules file with HOUR_CLOSE_GRACE and, unless 'rules', the reports section's null
# targets set (a target the file sets is kept)
run_rules() {
  local in=$1 pm25="" pm10="" ratio=""
  [[ $2 == rules ]] || IFS=, read -r pm25 pm10 ratio <<<"$2"
  sed -E -e "s/^(  hourCloseGrace:) *[0-9A-Za-z.]+/\1 $HOUR_CLOSE_GRACE/" \
    -e "${pm25:+s/^(  pm25Target:) null/\1 $pm25/}" -e "${pm10:+s/^(  pm10Target:) null/\1 $pm10/}" \
    -e "${ratio:+s/^(  goodDayRatioTarget:) null/\1 $ratio/}" "$in" >"$3"
  grep -qE "^  hourCloseGrace: $HOUR_CLOSE_GRACE" "$3" || die "could not set window.hourCloseGrace in a copy of ${in#"$ROOT/"}"
}

REPLAYED=0
REPLAY_RATE=400
# replay_part REGISTRY MQTT_PORT FROM TO INTERVAL SCENARIOS NAME: one replay; REPLAYED is its readings
replay_part() {
  local registry=$1 port=$2 from=$3 to=$4 interval=$5 scenarios=$6 name=$7 log line
  log=$WORK_DIR/replay-$name.log
  say "envmon: replaying $from .. $to with $scenarios (log ${log})"
  local code=0
  java -jar "$SIM_JAR" replay --registry "$registry" --mqtt-url "tcp://127.0.0.1:$port" --from "$from" --to "$to" \
    --interval "$interval" --batch 10 --rate "$REPLAY_RATE" --scenario-dir "$ROOT/config/scenarios" --scenario "$scenarios" \
    --client-id "envmon-report-$name" --quiet >"$log" 2>&1 || code=$?
  line=$(grep -m 1 '^done:' "$log" || true)
  if ((code != 0)) || [[ -z $line ]]; then
    show_tail replay "$log"
    die "the replay failed (exit code $code)"
  fi
  say "  $line"
  REPLAYED=$(sed -E 's/.* messages \/ ([0-9]+) readings.*/\1/' <<<"$line")
}

# metric NAME: the sum of the service's series of NAME (0 while /metrics does not answer: a busy service may be slow)
metric() {
  local text
  text=$(curl -s -m 10 "$HTTP_URL/metrics" 2>/dev/null) || text=""
  awk -v name="$1" '$1 ~ "^" name "([{]|$)" { s += $2 } END { printf "%d", s }' <<<"$text"
}

# await_stored N: until the service has stored (or rejected) N readings and its in-flight window is empty
await_stored() {
  local want=$1 stored rejected last="" same=0
  while :; do
    check_components
    stored=$(metric envmon_readings_stored_total)
    rejected=$(metric envmon_readings_rejected_total)
    ((stored + rejected >= want)) && break
    if [[ $stored == "$last" ]]; then
      ((++same < 300)) || die "stored $stored of $want readings, nothing more for 300 polls; see $WORK_DIR/ingest.log"
    else
      same=0
    fi
    last=$stored
    sleep 0.2
  done
  say "envmon: stored $stored readings, rejected $rejected (of $want sent)"
}

# await_engine: until the alert engine has evaluated every stored reading (it runs behind storage: it computes the
# hours, the days and the rules); a queue that does not shrink for 60 s stops the run
await_engine() {
  local queued best="" since=$SECONDS
  while :; do
    check_components
    queued=$(metric envmon_alerts_queued_readings)
    ((queued == 0)) && break
    if [[ -z $best ]] || ((queued < best)); then
      best=$queued
      since=$SECONDS
    fi
    ((SECONDS - since < 60)) || die "the alert engine still has $queued readings to evaluate, none done for 60 s; see $WORK_DIR/ingest.log"
    sleep 1
  done
  say "envmon: the alert engine has evaluated every reading"
}

# influx_scalar QUERY: the first value of the first series, empty when none
influx_scalar() {
  curl -s -m 30 -G "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode db=env --data-urlencode "q=$1" \
    | jq -r '.results[0].series[0].values[0][1] // empty'
}

# await_closed LAST_HOUR DAY: until the month's last hour has its water and emission rows and its last day the
# district's air_daily row (the service's tick closes the quiet points' hours after the replay), then until the
# service stops writing (the rows of one closing are written together)
await_closed() {
  local hour=$1 day=$2 deadline=$((SECONDS + 180)) water emission daily hour_end day_start district
  # the district's ID in the daily rows: the rules' heavyPollution.site
  district=$(sed -n '/^heavyPollution:/,/^[a-z]/s/^  site: *\([A-Za-z0-9_-]*\).*/\1/p' "$ENVMON_RUN_ALERT_RULES" | head -n 1)
  hour_end=$(date -d "$hour +1 hour" -u +%Y-%m-%dT%H:%M:%SZ)
  day_start=$(date -d "${day}T00:00:00+08:00" -u +%Y-%m-%dT%H:%M:%SZ)
  while :; do
    check_components
    water=$(influx_scalar "SELECT count(valid) FROM water_hourly WHERE time >= '$hour' AND time < '$hour_end'" || true)
    emission=$(influx_scalar "SELECT count(valid) FROM emission_hourly WHERE time >= '$hour' AND time < '$hour_end'" || true)
    daily=$(influx_scalar "SELECT count(stations) FROM air_daily WHERE \"station\" = '${district:-district}' AND time >= '$day_start' AND time < '$hour_end'" || true)
    [[ ${water:-0} -gt 0 && ${emission:-0} -gt 0 && ${daily:-0} -gt 0 ]] && break
    ((SECONDS < deadline)) || die "the month's last hour ($hour) or day ($day) was not closed within 180 s (water rows ${water:-0}, emission rows ${emission:-0}, air_daily rows ${daily:-0}); see $WORK_DIR/ingest.log"
    sleep 1
  done
  local last=-1 now
  while :; do
    now=$(metric envmon_influx_points_written_total)
    ((now == last)) && break
    last=$now
    sleep 2
  done
  say "envmon: the last hour and day of the month are closed"
}

check_components() {
  local name
  for name in mosquitto influxd ingest; do
    if [[ -n ${PIDS[$name]:-} ]] && ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      component_failed "$name" "died"
      exit 1
    fi
  done
}

# fetch NAME PATH OUTDIR: GET PATH as JSON and CSV into OUTDIR/NAME.json and NAME.csv
fetch() {
  local name=$1 path=$2 dir=$3 sep='?' status
  [[ $path == *\?* ]] && sep='&'
  for format in json csv; do
    status=$(curl -s -m 60 -o "$dir/$name.$format" -w '%{http_code}' -H "Authorization: Bearer $API_TOKEN" \
      "$HTTP_URL$path${sep}format=$format")
    [[ $status == 200 ]] || die "GET $path (format=$format) answered $status: $(head -c 300 "$dir/$name.$format")"
  done
}

fetch_reports() {
  local month=$1 first=$2 last=$3 dir=$4
  say "envmon: fetching the reports into ${dir#"$ROOT/"}/"
  fetch air-daily "/api/reports/air/daily?from=$first&to=$last&pageSize=1000" "$dir"
  fetch air-monthly "/api/reports/air/monthly?month=$month" "$dir"
  fetch water-monthly "/api/reports/water/monthly?month=$month" "$dir"
  fetch enterprise-monthly "/api/reports/enterprise/monthly?month=$month&pageSize=1000" "$dir"
  fetch integrity "/api/integrity?month=$month" "$dir"
  # the service's counters (the alert engine's reloads and skipped readings among them) and what it stored
  curl -s -m 10 "$HTTP_URL/metrics" >"$dir/metrics.txt" || true
  local m n counts=""
  for m in air water emission air_hourly air_daily water_hourly emission_hourly alert; do
    # points: the largest count of any field (some come only once per analyser cycle)
    n=$(curl -s -m 60 -G "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode db=env \
      --data-urlencode "q=SELECT count(*) FROM \"$m\"" | jq -r '(.results[0].series[0].values[0] // [0, 0])[1:] | max')
    counts+="$m ${n:-0}, "
  done
  printf '%s\n' "${counts%, }" >"$dir/stored-rows.txt"
}

summary() {
  local month=$1 dir=$2 days=$3 month_days=$4
  say ""
  say "== $month =="
  ((days == month_days)) || say "(only the first $days days of $month were replayed: partial figures)"
  jq -r '.items[0] | "district \(.name) (\(.site)): valid days \(.validDays)/\(.calendarDays) (min \(.minValidDays)), PM2.5 \(.pm25) µg/m³ (GB 3095 \(.pm25Limit), target \(.pm25Target // "none")), PM10 \(.pm10) (GB 3095 \(.pm10Limit), target \(.pm10Target // "none")), good days \(.goodDays) (ratio \(.goodDayRatio), target \(.goodDayRatioTarget // "none")), heavy days \(.heavyDays), severe \(.severeDays), O3 P90 \(.o3P90) (limit \(.o3P90Limit // "-"))"' \
    "$dir/air-monthly.json"
  say "heavy days (AQI > 200) of the district:"
  jq -r --arg d "$(jq -r '.items[0].site' "$dir/air-monthly.json")" \
    '[.items[] | select(.station == $d and .aqi != null and .aqi > 200) | "\(.date) AQI \(.aqi) \(.categoryName) \(.primary)"] | if length == 0 then "  none" else .[] | "  " + . end' \
    "$dir/air-daily.json"
  say "water sections (class / target, deciding):"
  jq -r '.items[] | "  \(.section) \(.name): \(.class // "-") / \(.target) \(if .meetsTarget then "meets" else "MISSES" end) \(.deciding // [] | join(", "))"' \
    "$dir/water-monthly.json"
  say "enterprise outlets: $(jq -r '[.items[] | select(.passes)] | length' "$dir/enterprise-monthly.json") of $(jq -r '.total' "$dir/enterprise-monthly.json") pass the transmission mark; exceedance hours:"
  jq -r '[.items[] | {o: "\(.enterprise)/\(.outlet)", h: ([.parameters[]? | .exceedanceHours] | add // 0)} | select(.h > 0)] | sort_by(-.h) | .[:8][] | "  \(.o) \(.h) h"' \
    "$dir/enterprise-monthly.json"
  say "integrity findings: $(jq -c '.totals' "$dir/integrity.json")"
  say "stored rows: $(cat "$dir/stored-rows.txt")"
}

cleanup() {
  local code=$?
  trap '' INT TERM
  stop_component ingest 20 "stopping ingest"
  stop_component mosquitto 10
  stop_component influxd 15
  if [[ -n $WORK_DIR ]]; then
    if ((KEEP || code != 0)); then
      say "envmon: servers' data and logs kept in $WORK_DIR"
    else
      rm -rf "$WORK_DIR"
    fi
  fi
  exit "$code"
}

main "$@"
