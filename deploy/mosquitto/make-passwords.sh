#!/usr/bin/env bash
# Gives every MQTT user of the ACL a password, for Mosquitto's password_file.
#
#   deploy/mosquitto/make-passwords.sh [ACL [PASSWORD_FILE [LIST]]]
#
#   ACL            default deploy/mosquitto/acl (the users are its "user" lines)
#   PASSWORD_FILE  default deploy/mosquitto/passwd: hashed (mosquitto_passwd), mounted into the broker
#   LIST           default deploy/secrets/mqtt-passwords.txt: "user<TAB>password", to hand each enterprise its own
#
# Users already in LIST keep their passwords, so run it again after the ACL was regenerated for new enterprises,
# then restart (or send SIGHUP to) Mosquitto. Needs mosquitto_passwd (Debian package mosquitto) or Docker.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
acl="${1:-$here/acl}"
passwd="${2:-$here/passwd}"
list="${3:-$here/../secrets/mqtt-passwords.txt}"

[[ -f "$acl" ]] || { echo "no ACL at $acl" >&2; exit 2; }
mkdir -p "$(dirname "$list")"
chmod 700 "$(dirname "$list")"
touch "$list"
chmod 600 "$list"

added=0
while read -r user; do
  if ! grep -q "^${user}"$'\t' "$list"; then
    password="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
    printf '%s\t%s\n' "$user" "$password" >> "$list"
    added=$((added + 1))
  fi
done < <(awk '/^user /{print $2}' "$acl")

plain="$(mktemp)"
trap 'rm -f "$plain"' EXIT
awk -F'\t' 'NF == 2 {print $1 ":" $2}' "$list" > "$plain"
if command -v mosquitto_passwd > /dev/null; then
  mosquitto_passwd -U "$plain"
else
  docker run --rm -v "$plain:/tmp/passwd" eclipse-mosquitto:2.0.20 mosquitto_passwd -U /tmp/passwd
fi
# readable by the broker's user inside the container (uid 1883); the file holds salted hashes only
install -m 0644 "$plain" "$passwd"

echo "$(awk 'END {print NR}' "$list") MQTT users ($added new) in $list; hashed into $passwd"
# The ingest service's two accounts (its subscribing and its publishing connection; the broker uses each user name
# as client ID, mosquitto.conf), for deploy/.env or /etc/envmon/ingest.env
ingest="$(awk -F'\t' '$1 == "envmon-ingest-1" {print $2}' "$list")"
publisher="$(awk -F'\t' '$1 == "envmon-ingest-1-pub" {print $2}' "$list")"
if [[ -n "$ingest" && -n "$publisher" ]]; then
  echo "put into deploy/.env:  ENVMON_MQTT_PASSWORD=$ingest"
  echo "                       ENVMON_MQTT_PUBLISHER_PASSWORD=$publisher"
fi
