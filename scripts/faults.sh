#!/usr/bin/env bash
# `./envmon faults`: the fault suite (ingest's FaultSuiteIT) with the long figures: InfluxDB down 5 minutes while a
# station streams 5 000 readings/s, the service SIGKILLed 5 times under load, and the other faults as in the test
# suite. Real mosquitto, influxd and the service on free loopback ports, as every integration test. Prints the table
# `fault | sent | stored | duplicated | dead-lettered | notes` (also left in ingest/target/fault-suite.txt).
# See docs/reliability.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

OUTAGE=5m
RATE=5000
KILLS=5

faults_usage() {
  cat <<USAGE
Usage: ./envmon faults [--outage DURATION] [--rate READINGS_PER_SECOND] [--kills N]

Runs the fault suite with real processes on loopback and prints one line per fault:
fault | sent | stored | duplicated | dead-lettered | notes. Defaults: --outage $OUTAGE --rate $RATE --kills $KILLS
(the test suite runs it with 10s, 1000 and 3). Builds what it needs with Maven; takes about the outage plus
five minutes. Exit code: Maven's (non-zero when a fault lost or duplicated readings).
USAGE
}

while (($#)); do
  case "$1" in
    --outage) OUTAGE=${2:?--outage needs a duration}; shift 2 ;;
    --rate) RATE=${2:?--rate needs a number}; shift 2 ;;
    --kills) KILLS=${2:?--kills needs a number}; shift 2 ;;
    -h|--help) faults_usage; exit 0 ;;
    *) faults_usage >&2; die "unknown option: $1" ;;
  esac
done
[[ $RATE =~ ^[1-9][0-9]*$ ]] || die "--rate must be a positive whole number, not '$RATE'"
[[ $KILLS =~ ^[0-9]+$ ]] || die "--kills must be a whole number, not '$KILLS'"

ensure_test_packages
cd "$ROOT" || die "cannot cd to $ROOT"
say "fault suite: InfluxDB down $OUTAGE at $RATE readings/s, $KILLS SIGKILLs of the service"
LOG=$ROOT/ingest/target/faults.log
mkdir -p "$ROOT/ingest/target"
rm -f "$ROOT/ingest/target/fault-suite.txt"
status=0
mvn -B -pl ingest -am verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=FaultSuiteIT \
  "-Denvmon.faults.outage=$OUTAGE" "-Denvmon.faults.rate=$RATE" "-Denvmon.faults.kills=$KILLS" \
  >"$LOG" 2>&1 || status=$?
grep -E 'Tests run: [0-9]+, |BUILD|<<<' "$LOG" || true
if [[ -f $ROOT/ingest/target/fault-suite.txt ]]; then
  column -t -s '|' -o '|' "$ROOT/ingest/target/fault-suite.txt" 2>/dev/null || cat "$ROOT/ingest/target/fault-suite.txt"
fi
((status == 0)) || warn "the fault suite failed (exit $status): see $LOG"
exit "$status"
