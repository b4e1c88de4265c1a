#!/usr/bin/env bash
# Gives every MQTT user of the ACL a password, for Mosquitto's password_file, and every HJ 212 device of the ACL (its
# env/hj212/<MN> topic) a PW, for the ingest service's ENVMON_HJ212_PASSWORDS (docs/hj212.md#device-passwords).
#
#   deploy/mosquitto/make-passwords.sh [ACL [PASSWORD_FILE [LIST [HJ212_LIST]]]]
#
#   ACL            default deploy/mosquitto/acl (the users are its "user" lines, the devices its hj212 topics)
#   PASSWORD_FILE  default deploy/mosquitto/passwd: hashed (mosquitto_passwd), mounted into the broker
#   LIST           default deploy/secrets/mqtt-passwords.txt: "user<TAB>password", to hand each enterprise its own
#   HJ212_LIST     default hj212-passwords.txt beside LIST: "MN<TAB>PW", mounted into the ingest service and set in
#                  each data logger. HJ212_PASSWORD_LENGTH (default 6, the width HJ 212-2017 gives PW) sets the length
#                  of new ones, for loggers that take longer passwords.
#
# Users and devices already listed keep their passwords, so run it again after the ACL was regenerated for new
# enterprises or devices, then restart (or send SIGHUP to) Mosquitto and restart the ingest service. Needs
# mosquitto_passwd (Debian package mosquitto) or Docker.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
acl="${1:-$here/acl}"
passwd="${2:-$here/passwd}"
list="${3:-$here/../secrets/mqtt-passwords.txt}"
hj212_list="${4:-$(dirname "$list")/hj212-passwords.txt}"
hj212_length="${HJ212_PASSWORD_LENGTH:-6}"
[[ $hj212_length =~ ^[1-9][0-9]?$ && $hj212_length -le 64 ]] || { echo "HJ212_PASSWORD_LENGTH must be 1-64" >&2; exit 2; }

[[ -f "$acl" ]] || { echo "no ACL at $acl" >&2; exit 2; }
mkdir -p "$(dirname "$list")"
chmod 700 "$(dirname "$list")"
touch "$list"
chmod 600 "$list"

# random letters and digits: what fits an MQTT password and an HJ 212 PW (no ';', '&', '=' or ',')
random_password() {
  local length=$1 password=""
  while ((${#password} < length)); do
    password+="$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s' "${password:0:length}"
}

added=0
while read -r user; do
  if ! grep -q "^${user}"$'\t' "$list"; then
    printf '%s\t%s\n' "$user" "$(random_password 24)" >> "$list"
    added=$((added + 1))
  fi
done < <(awk '/^user /{print $2}' "$acl")

# HJ 212 device passwords: the service refuses the frames of a device without one (ENVMON_HJ212_REQUIRE_PASSWORD)
touch "$hj212_list"
# readable by its owner and by the group of the ingest image's user (gid 10001, deploy/Dockerfile), which mounts it
hj212_gid="${ENVMON_CONTAINER_GID:-10001}"
if chgrp "$hj212_gid" "$hj212_list" 2> /dev/null; then
  chmod 640 "$hj212_list"
else
  chmod 600 "$hj212_list"
  echo "note: the ingest container (gid $hj212_gid) cannot read $hj212_list yet:" \
    "sudo chgrp $hj212_gid '$hj212_list' && sudo chmod 640 '$hj212_list'" >&2
fi
if [[ ! -s "$hj212_list" ]]; then
  printf '# HJ 212 device passwords (PW) for ENVMON_HJ212_PASSWORDS: MN<TAB>PW; set each in its data logger\n' > "$hj212_list"
fi
hj212_added=0
while read -r mn; do
  if ! grep -q "^${mn}"$'\t' "$hj212_list"; then
    printf '%s\t%s\n' "$mn" "$(random_password "$hj212_length")" >> "$hj212_list"
    hj212_added=$((hj212_added + 1))
  fi
done < <(awk '$1 == "topic" && $2 == "write" && $3 ~ /\/hj212\/[^\/+#]+$/ {n = split($3, p, "/"); print p[n]}' "$acl" | sort -u)

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
echo "$(grep -vc '^#' "$hj212_list") HJ 212 device passwords ($hj212_added new) in $hj212_list"
# The ingest service's two accounts (its subscribing and its publishing connection; the broker uses each user name
# as client ID, mosquitto.conf), for deploy/.env or /etc/envmon/ingest.env
ingest="$(awk -F'\t' '$1 == "envmon-ingest-1" {print $2}' "$list")"
publisher="$(awk -F'\t' '$1 == "envmon-ingest-1-pub" {print $2}' "$list")"
if [[ -n "$ingest" && -n "$publisher" ]]; then
  echo "put into deploy/.env:  ENVMON_MQTT_PASSWORD=$ingest"
  echo "                       ENVMON_MQTT_PUBLISHER_PASSWORD=$publisher"
fi
