# shellcheck shell=bash
# Shared helpers of ./envmon and scripts/bench-load.sh: messages, system packages, free ports, waiting, stopping
# processes, building, and starting the local pipeline's servers. Sourced, never executed. Expects ROOT (the
# project root) to be set. Safe under `set -e`.

say()  { printf '%s\n' "$*"; }
warn() { printf 'envmon: %s\n' "$*" >&2; }
die()  { warn "$*"; exit 1; }

# have NAME [FALLBACK_PATH...]: true when NAME is on PATH or one of the paths is executable
have() {
  local name=$1; shift
  command -v "$name" >/dev/null 2>&1 && return 0
  local path
  for path in "$@"; do [[ -x $path ]] && return 0; done
  return 1
}

mosquitto_bin() { command -v mosquitto 2>/dev/null || { [[ -x /usr/sbin/mosquitto ]] && echo /usr/sbin/mosquitto; }; }
influxd_bin()   { command -v influxd 2>/dev/null || { [[ -x /usr/bin/influxd ]] && echo /usr/bin/influxd; }; }

# Installs the Debian packages of whatever program is missing; does nothing when all are there.
ensure_packages() { install_missing_packages; }

# ensure_packages, and the programs only the test suite runs (./envmon test): prometheus (DashboardQueriesIT runs the
# dashboards' PromQL on a real one; its promtool checks deploy/prometheus/alerts.yml), shellcheck (DeployFilesTest
# checks the project's scripts), python3-aiosmtpd (the SMTP server the e-mail channel is tested against, run with
# /usr/bin/python3), openssl (its TLS certificate), and chromium with chromium-driver and a Chinese font
# (ConsoleBrowserIT drives the web console in a real browser and keeps screenshots; docs/console.md). A test whose
# program is missing fails, unless ENVMON_TEST_WITHOUT names it (for example "prometheus shellcheck chromium";
# "chromium" stands for its driver and the font too): then it is not installed here and the test is reported as
# skipped.
ensure_test_packages() {
  install_missing_packages prometheus shellcheck python3-aiosmtpd openssl chromium chromium-driver fonts-wqy-microhei
}

# have_tool TOOL: true when the Debian package TOOL's program (or, for a Python module package, the module under the
# system python; for a font, its file) is there
have_tool() {
  case $1 in
    python3-aiosmtpd) [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null ;;
    chromium-driver) have chromedriver /usr/bin/chromedriver ;;
    fonts-wqy-microhei) [[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] ;;
    *) have "$1" "/usr/bin/$1" ;;
  esac
}

# install_missing_packages [TOOL...]: the base programs and the TOOLs (each named as its Debian package), less those
# ENVMON_TEST_WITHOUT names
install_missing_packages() {
  local missing=() tools=() tool optout
  for tool in "$@"; do
    optout=$tool
    [[ $tool == chromium-driver || $tool == fonts-wqy-microhei ]] && optout=chromium # the browser tests' parts
    [[ " ${ENVMON_TEST_WITHOUT:-} " == *" $optout "* ]] && continue
    tools+=("$tool")
    have_tool "$tool" || missing+=("$tool")
  done
  have mosquitto /usr/sbin/mosquitto || missing+=(mosquitto)
  have influxd /usr/bin/influxd || missing+=(influxdb)
  have curl || missing+=(curl)
  # socat: a stand-in HJ 212 data logger for the gateway by hand (README, docs/hj212.md)
  have socat || missing+=(socat)
  have mvn || missing+=(maven)
  have javac || missing+=(default-jdk-headless)
  ((${#missing[@]} == 0)) && return 0

  say "envmon: installing missing packages: ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      die "missing packages: ${missing[*]}; not root and no sudo: run as root: apt-get update && apt-get install -y ${missing[*]}"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 \
    || die "missing packages: ${missing[*]}; no apt-get here (envmon expects Debian/Ubuntu): install them by hand"
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    || ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  then
    die "apt-get install ${missing[*]} failed"
  fi
  have mosquitto /usr/sbin/mosquitto || die "mosquitto still missing after installing"
  have influxd /usr/bin/influxd || die "influxd still missing after installing"
  for tool in "${tools[@]}"; do
    have_tool "$tool" || die "$tool still missing after installing"
  done
}

# port_in_use PORT: true when something listens on PORT (any address)
port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    ss -tln 2>/dev/null | awk -v suffix=":$port" 'NR > 1 && substr($4, length($4) - length(suffix) + 1) == suffix { found = 1 } END { exit !found }'
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# free_port VAR: sets VAR to a free loopback port below the ephemeral range (so the outgoing connections of the
# processes we start cannot take it first), never one handed out before by this script.
ENVMON_USED_PORTS=" "
free_port() {
  local -n _out=$1
  local low=32768 high candidate attempt
  read -r low _ < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  high=$((low - 1))
  ((high > 11000)) || high=32767
  for ((attempt = 0; attempt < 200; attempt++)); do
    candidate=$((10000 + (RANDOM * 32768 + RANDOM) % (high - 10000 + 1)))
    [[ $ENVMON_USED_PORTS == *" $candidate "* ]] && continue
    ENVMON_USED_PORTS+="$candidate "
    port_in_use "$candidate" && continue
    _out=$candidate
    return 0
  done
  die "no free loopback port found"
}

# tcp_open PORT: true when 127.0.0.1:PORT accepts a connection
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# http_status URL: prints the HTTP status (000 when nothing answers)
http_status() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }

# wait_until SECONDS PID COMMAND...: polls COMMAND every 0.1 s. Returns 0 when it succeeds, 2 when PID dies
# first, 1 on timeout.
wait_until() {
  local seconds=$1 pid=$2; shift 2
  local deadline=$((SECONDS + seconds))
  while ((SECONDS < deadline)); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || return 2
    sleep 0.1
  done
  "$@" && return 0
  return 1
}

# stop_pid PID GRACE_SECONDS: SIGTERM, wait up to GRACE_SECONDS, then SIGKILL. Prints nothing.
# Sets STOPPED_CODE to the exit code when PID is a child of this shell.
stop_pid() {
  local pid=$1 grace=$2 deadline
  STOPPED_CODE=""
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      warn "process $pid still running after ${grace}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  local code=0
  wait "$pid" 2>/dev/null || code=$?
  # shellcheck disable=SC2034 # read by the caller
  STOPPED_CODE=$code
  return 0
}

# wait_for_exit SECONDS PID: 0 when PID has ended within SECONDS, 1 when it still runs
wait_for_exit() {
  local deadline=$((SECONDS + $1)) pid=$2
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
  return 0
}

# start_bg LOGFILE COMMAND...: starts COMMAND in its own session (so Ctrl-C on the terminal reaches only this
# script, which then stops everything in order), output appended to LOGFILE; sets STARTED_PID.
start_bg() {
  local log=$1; shift
  if command -v setsid >/dev/null 2>&1; then
    setsid "$@" >>"$log" 2>&1 </dev/null &
  else
    "$@" >>"$log" 2>&1 </dev/null &
  fi
  # shellcheck disable=SC2034 # read by the caller
  STARTED_PID=$!
}

# show_tail NAME LOGFILE [LINES]
show_tail() {
  local name=$1 log=$2 lines=${3:-30}
  warn "last $lines lines of $log ($name):"
  if [[ -s $log ]]; then tail -n "$lines" "$log" | sed 's/^/    /' >&2; else warn "    (empty)"; fi
}

# write_mosquitto_conf DIR PORT: the testkit's template, shared with the integration tests (MosquittoServer)
write_mosquitto_conf() {
  local dir=$1 port=$2 user=""
  # as root mosquitto would switch to user 'mosquitto', who may not write DIR
  ((EUID == 0)) && user="user root"
  fill_template mosquitto.conf "$dir/mosquitto.conf" -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@USER@|$user|g"
}

# write_influxdb_conf DIR HTTP_PORT RPC_PORT: the testkit's template, shared with the integration tests (InfluxServer)
write_influxdb_conf() {
  local dir=$1 port=$2 rpc=$3
  fill_template influxdb.conf "$dir/influxdb.conf" -e "s|@DIR@|$dir|g" -e "s|@HTTP_PORT@|$port|g" -e "s|@RPC_PORT@|$rpc|g"
}

# fill_template NAME FILE SED_ARGS...: the testkit's configuration template NAME, filled in by sed, written to FILE
fill_template() {
  local name=$1 file=$2
  shift 2
  sed "$@" "$ROOT/testkit/src/main/resources/io/envmon/testkit/$name" >"$file"
}

# build_project: `mvn -B -q package -DskipTests` in ROOT; exits with Maven's code when it fails
build_project() {
  say "envmon: building (mvn -B -q package -DskipTests) ..."
  local mvn_code=0
  (cd "$ROOT" && mvn -B -q package -DskipTests) || mvn_code=$?
  ((mvn_code == 0)) || { warn "build failed (mvn exit code $mvn_code); fix it, or use --no-build to run what is built"; exit "$mvn_code"; }
}

# --- The local pipeline's servers (./envmon run, ./envmon bench) ---
# start_mosquitto, start_influxd and start_ingest record each process in PIDS[name] and its log in LOGS[name];
# start_ingest writes its API tokens in RUN_DIR. When a server does not come up they show its log (component_failed)
# and exit 1; stop_component stops one again.
declare -A PIDS=()   # component -> pid, for components still running
declare -A LOGS=()   # component -> log file
RUN_DIR=${RUN_DIR:-}

start_mosquitto() {
  local dir=$1 port=$2
  write_mosquitto_conf "$dir" "$port"
  LOGS[mosquitto]="$dir/mosquitto.log"
  start_bg "$dir/mosquitto.out" "$(mosquitto_bin)" -c "$dir/mosquitto.conf"
  PIDS[mosquitto]=$STARTED_PID
  await_start mosquitto 15 "did not listen on port $port" tcp_open "$port"
}

start_influxd() {
  local dir=$1 port=$2 rpc=$3
  write_influxdb_conf "$dir" "$port" "$rpc"
  LOGS[influxd]="$dir/influxd.log"
  start_bg "$dir/influxd.log" "$(influxd_bin)" -config "$dir/influxdb.conf"
  PIDS[influxd]=$STARTED_PID
  await_start influxd 30 "did not answer /ping" influx_ready "$port"
}

# await_start NAME SECONDS WHAT CHECK...: waits until CHECK succeeds; when PIDS[NAME] exits first, or after SECONDS
# ("NAME WHAT within SECONDS s"), shows its log and exits 1
await_start() {
  local name=$1 seconds=$2 what=$3 code=0
  shift 3
  wait_until "$seconds" "${PIDS[$name]}" "$@" || code=$?
  case $code in
    0) ;;
    2) component_failed "$name" "exited during start-up"; exit 1 ;;
    *) component_failed "$name" "$what within $seconds s"; exit 1 ;;
  esac
}

influx_ready() { [[ $(http_status "http://127.0.0.1:$1/ping") == 204 ]]; }

create_database() {
  local port=$1 db=$2 answer
  answer=$(curl -s -m 10 -XPOST "http://127.0.0.1:$port/query" --data-urlencode "q=CREATE DATABASE $db") \
    || die "CREATE DATABASE $db failed: InfluxDB not answering"
  [[ $answer != *'"error"'* ]] || die "CREATE DATABASE $db failed: $answer"
}

# The ingest service's JVM options when ENVMON_JAVA_OPTS is not set: the same default heap as the Dockerfile, the
# systemd unit and the testkit (docs/operations.md#memory). The simulator keeps its own.
ENVMON_DEFAULT_JAVA_OPTS="-Xmx512m -XX:+ExitOnOutOfMemoryError"

# ingest_java_opts VAR: sets the array VAR to ENVMON_JAVA_OPTS split on blanks; unset: ENVMON_DEFAULT_JAVA_OPTS
# (set but empty: no options, the JVM's own defaults)
ingest_java_opts() {
  local -n _java_opts=$1
  read -r -a _java_opts <<<"${ENVMON_JAVA_OPTS-$ENVMON_DEFAULT_JAVA_OPTS}"
}

start_ingest() {
  local jar=$1 registry=$2 mqtt_url=$3 influx_url=$4 http_port=$5
  local java_opts=()
  ingest_java_opts java_opts
  LOGS[ingest]="$RUN_DIR/ingest.log"
  # a fresh bureau token for this run's alert API (printed below), and one for the registry's first enterprise (to
  # see the console as that enterprise: docs/console.md); never reused across runs
  API_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf 'bureau:\n  - {name: run-operator, token: %s}\n' "$API_TOKEN" > "$RUN_DIR/api-tokens.yaml"
  ENTERPRISE_ID=$(sed -n '/^enterprises:/,$p' "$registry" | grep -m1 -oE 'id: *"?[A-Za-z0-9_-]+' | sed -E 's/id: *"?//' || true)
  ENTERPRISE_TOKEN=
  if [[ -n $ENTERPRISE_ID ]]; then
    ENTERPRISE_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf 'enterprises:\n  %s:\n    - {name: run-%s, token: %s}\n' "$ENTERPRISE_ID" "$ENTERPRISE_ID" \
      "$ENTERPRISE_TOKEN" >> "$RUN_DIR/api-tokens.yaml"
  fi
  start_bg "${LOGS[ingest]}" env \
    ENVMON_API_TOKENS="$RUN_DIR/api-tokens.yaml" \
    ENVMON_ALERT_RULES="${ENVMON_RUN_ALERT_RULES:-$ROOT/config/alert-rules.yaml}" \
    ENVMON_MQTT_URL="$mqtt_url" \
    ENVMON_INFLUX_URL="$influx_url" \
    ENVMON_INFLUX_API=v1 \
    ENVMON_INFLUX_BUCKET=env \
    ENVMON_REGISTRY="$registry" \
    ENVMON_HTTP_PORT="$http_port" \
    ENVMON_MQTT_CLIENT_ID=envmon-ingest-run \
    ENVMON_SPOOL_DIR="$RUN_DIR/spool" \
    java "${java_opts[@]}" -jar "$jar"
  PIDS[ingest]=$STARTED_PID
  say "envmon: waiting for the ingest service (GET /health; JVM options: ${java_opts[*]:-none, ENVMON_JAVA_OPTS is empty}) ..."
  local code=0
  wait_until 60 "${PIDS[ingest]}" ingest_healthy "$http_port" || code=$?
  case $code in
    0) ;;
    2) component_failed ingest "exited during start-up"; exit 1 ;;
    *) warn "last /health answer: $(curl -s -m 2 "http://127.0.0.1:$http_port/health" 2>/dev/null || echo none)"
       component_failed ingest "not healthy within 60 s"; exit 1 ;;
  esac
}

ingest_healthy() { [[ $(http_status "http://127.0.0.1:$1/health") == 200 ]]; }

# component_failed NAME WHAT: reports a dead or stuck component with its exit code and log tail
component_failed() {
  local name=$1 what=$2
  local pid=${PIDS[$name]:-} code=""
  if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
    code=0
    wait "$pid" 2>/dev/null || code=$?
    unset "PIDS[$name]"
  fi
  warn "$name $what${code:+ (exit code $code)}"
  show_tail "$name" "${LOGS[$name]}"
  # mosquitto says why it cannot start (port taken, bad configuration) on its output, beside its log
  local output=${LOGS[$name]%/*}/$name.out
  if [[ -s $output ]]; then
    show_tail "$name output" "$output" 10
  fi
}

# stop_component NAME GRACE_SECONDS [WHAT]: stops PIDS[NAME] if it runs (SIGTERM, SIGKILL after the grace) and forgets
# it; STOPPED_CODE is its exit code. WHAT is said instead of "stopping NAME".
stop_component() {
  local name=$1 grace=$2 what=${3:-}
  # shellcheck disable=SC2034 # read by the caller
  STOPPED_CODE=""
  [[ -n ${PIDS[$name]:-} ]] || return 0
  say "envmon: ${what:-stopping $name}"
  stop_pid "${PIDS[$name]}" "$grace"
  unset "PIDS[$name]"
}
