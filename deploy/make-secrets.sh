#!/usr/bin/env bash
# deploy/make-secrets.sh: the API tokens and alert channels of a deployment (docs/deployment.md, "Tokens and alert
# channels"). Writes, in deploy/recipients/ (or --out DIR):
#   envmon.env        the secrets, as ENVMON_* variables: a bureau API token, one per enterprise of the registry,
#                     the robots' URLs and secrets and the SMTP password given below; plus ENVMON_API_TOKENS and
#                     ENVMON_WEBHOOKS naming the two files as the service sees them (--mount, default
#                     /etc/envmon/recipients). Mode 0600: docker compose reads it (env_file), systemd too (EnvironmentFile).
#   api-tokens.yaml   the bureau's token and each enterprise's (tokenEnv: the values stay in envmon.env)
#   webhooks.yaml     one channel per recipient and robot or mailbox given below (urlEnv/secretEnv/passwordEnv)
# Run it again after adding an enterprise or a channel: existing tokens and secrets are kept (--rotate makes new
# tokens). Never commit deploy/recipients/.
#
# Channels are taken from the environment when the script runs, for RECIPIENT = BUREAU or an enterprise ID (E001):
#   ENVMON_DINGTALK_<RECIPIENT>_URL [ENVMON_DINGTALK_<RECIPIENT>_SECRET]   DingTalk custom robot (secret: 加签)
#   ENVMON_WECOM_<RECIPIENT>_URL                                            WeCom group robot
#   ENVMON_FEISHU_<RECIPIENT>_URL [ENVMON_FEISHU_<RECIPIENT>_SECRET]       Feishu custom bot (secret: 签名校验)
#   ENVMON_MAIL_<RECIPIENT>_TO=a@x.cn,b@x.cn                               e-mail, with the SMTP server:
#   ENVMON_SMTP_HOST, ENVMON_SMTP_PORT (587), ENVMON_SMTP_SECURITY (starttls|tls|none), ENVMON_SMTP_USERNAME,
#   ENVMON_SMTP_PASSWORD, ENVMON_SMTP_FROM
# e.g.  ENVMON_DINGTALK_BUREAU_URL='https://oapi.dingtalk.com/robot/send?access_token=...' \
#       ENVMON_DINGTALK_BUREAU_SECRET=SEC... ./deploy/make-secrets.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
registry="$here/../config/taigu.yaml"
out="$here/recipients"
mount=/etc/envmon/recipients
rotate=0

usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case $1 in
    --registry) registry=${2:?--registry needs a file}; shift 2 ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --mount) mount=${2:?--mount needs a path}; shift 2 ;;
    --rotate) rotate=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "make-secrets.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -f $registry ]] || { echo "make-secrets.sh: registry $registry not found" >&2; exit 2; }

# enterprises: the IDs of the registry's `enterprises:` list (block `- id: E001` or flow `- {id: E001, ...}` entries)
mapfile -t enterprises < <(awk '
  /^[^[:space:]#]/ { section = $1 }
  section == "enterprises:" && /^  - / {
    if (match($0, /id: *"?[A-Za-z0-9_.-]+/)) { id = substr($0, RSTART, RLENGTH); sub(/id: *"?/, "", id); print id }
  }' "$registry")
((${#enterprises[@]} > 0)) || echo "make-secrets.sh: no enterprise in $registry: only the bureau gets a token" >&2

mkdir -p "$out"
chmod 0755 "$out"
envfile="$out/envmon.env"

# previous values, kept unless --rotate (for tokens) or given anew in the environment (for channels)
declare -A previous=()
if [[ -f $envfile ]]; then
  while IFS='=' read -r key value; do
    [[ $key =~ ^ENVMON_[A-Z0-9_]+$ ]] && previous[$key]=$value
  done < "$envfile"
fi

token() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

declare -A values=()
# key_of RECIPIENT: BUREAU, or the enterprise ID as a variable-name part (E-001 -> E_001)
key_of() { local k=${1^^}; printf '%s' "${k//[^A-Z0-9]/_}"; }

set_token() {
  local var=$1
  if ((rotate == 0)) && [[ -n ${previous[$var]:-} ]]; then values[$var]=${previous[$var]}; else values[$var]=$(token); fi
}

# a channel setting: from the environment now, else from the previous run
setting() {
  local var=$1
  if [[ -n ${!var:-} ]]; then values[$var]=${!var}; elif [[ -n ${previous[$var]:-} ]]; then values[$var]=${previous[$var]}; fi
  [[ -n ${values[$var]:-} ]]
}

tokens="$out/api-tokens.yaml"
hooks="$out/webhooks.yaml"
{
  echo "# written by deploy/make-secrets.sh from $(basename "$registry"); the tokens are in envmon.env"
  echo "bureau:"
  echo "  - {name: bureau, tokenEnv: ENVMON_TOKEN_BUREAU}"
  set_token ENVMON_TOKEN_BUREAU
  if ((${#enterprises[@]} > 0)); then
    echo "enterprises:"
    for e in "${enterprises[@]}"; do
      echo "  $e:"
      echo "    - {name: $e, tokenEnv: ENVMON_TOKEN_$(key_of "$e")}"
      set_token "ENVMON_TOKEN_$(key_of "$e")"
    done
  fi
} > "$tokens"

channels=()
audience_of() { if [[ $1 == BUREAU ]]; then printf 'bureau'; else printf '{enterprise: %s}' "$1"; fi; }
name_of() { if [[ $1 == BUREAU ]]; then printf 'bureau'; else printf '%s' "$1"; fi; }
{
  echo "# written by deploy/make-secrets.sh: one channel per recipient and robot or mailbox (docs/webhooks.md);"
  echo "# URLs, secrets and the SMTP password are in envmon.env"
  echo "webhooks:"
  for recipient in BUREAU "${enterprises[@]}"; do
    k=$(key_of "$recipient")
    for type in dingtalk wecom feishu; do
      T=${type^^}
      setting "ENVMON_${T}_${k}_URL" || continue
      echo "  - name: $(name_of "$recipient")-$type"
      echo "    type: $type"
      echo "    urlEnv: ENVMON_${T}_${k}_URL"
      if [[ $type != wecom ]] && setting "ENVMON_${T}_${k}_SECRET"; then
        echo "    secretEnv: ENVMON_${T}_${k}_SECRET"
      fi
      echo "    audience: $(audience_of "$recipient")"
      channels+=("$(name_of "$recipient")-$type")
    done
    if setting "ENVMON_MAIL_${k}_TO"; then
      setting ENVMON_SMTP_HOST || { echo "make-secrets.sh: ENVMON_MAIL_${k}_TO needs ENVMON_SMTP_HOST" >&2; exit 2; }
      setting ENVMON_SMTP_FROM || { echo "make-secrets.sh: ENVMON_MAIL_${k}_TO needs ENVMON_SMTP_FROM" >&2; exit 2; }
      setting ENVMON_SMTP_PORT || true
      setting ENVMON_SMTP_SECURITY || true
      echo "  - name: $(name_of "$recipient")-mail"
      echo "    type: email"
      printf '    smtp: {host: %s, port: %s, security: %s' "${values[ENVMON_SMTP_HOST]}" \
        "${values[ENVMON_SMTP_PORT]:-587}" "${values[ENVMON_SMTP_SECURITY]:-starttls}"
      if setting ENVMON_SMTP_USERNAME; then
        setting ENVMON_SMTP_PASSWORD || { echo "make-secrets.sh: ENVMON_SMTP_USERNAME needs ENVMON_SMTP_PASSWORD" >&2; exit 2; }
        printf ', username: %s, passwordEnv: ENVMON_SMTP_PASSWORD' "${values[ENVMON_SMTP_USERNAME]}"
      fi
      echo "}"
      echo "    from: ${values[ENVMON_SMTP_FROM]}"
      echo "    to: [${values[ENVMON_MAIL_${k}_TO]//,/, }]"
      echo "    audience: $(audience_of "$recipient")"
      channels+=("$(name_of "$recipient")-mail")
    fi
  done
  ((${#channels[@]} > 0)) || echo "  []"
} > "$hooks"
# the YAML files hold no secret (only the names of the variables): readable by the service's user in the container
chmod 0644 "$tokens" "$hooks"

values[ENVMON_API_TOKENS]=$mount/api-tokens.yaml
values[ENVMON_WEBHOOKS]=$mount/webhooks.yaml
umask 077
{
  echo "# written by deploy/make-secrets.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ): secrets, never commit; mode 0600"
  for key in $(printf '%s\n' "${!values[@]}" | sort); do
    echo "$key=${values[$key]}"
  done
} > "$envfile.new"
mv "$envfile.new" "$envfile"
chmod 0600 "$envfile"

echo "make-secrets.sh: wrote $out/"
echo "  api-tokens.yaml  bureau + ${#enterprises[@]} enterprises (tokens ENVMON_TOKEN_* in envmon.env: hand each enterprise its own)"
echo "  webhooks.yaml    ${#channels[@]} channel(s): ${channels[*]:-none (give robot URLs or ENVMON_MAIL_*_TO, see --help)}"
echo "  envmon.env       ${#values[@]} settings, mode 0600"
