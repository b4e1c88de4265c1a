# Reads the ingest service's /metrics (Prometheus text) and prints one tab-separated line:
#   received  stored  rejected  lag_seconds  inflight  open_alerts  reasons
# where reasons is "reason=count" pairs separated by spaces (unsorted). Absent metrics count as 0; series with
# labels (kind=..., reason=...) are summed.
function num(s) {
  return (s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/) ? s + 0 : 0
}
/^#/ || NF < 2 { next }
{
  line = $0
  if (!match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*/)) next
  name = substr(line, 1, RLENGTH)
  rest = substr(line, RLENGTH + 1)
  labels = ""
  if (substr(rest, 1, 1) == "{") {
    close_at = index(rest, "}")
    labels = substr(rest, 2, close_at - 2)
    rest = substr(rest, close_at + 1)
  }
  split(rest, parts, " ")
  value = num(parts[1])
  if (name == "envmon_messages_received_total") received += value
  else if (name == "envmon_readings_stored_total") stored += value
  else if (name == "envmon_readings_rejected_total") {
    rejected += value
    reason = "other"
    if (match(labels, /reason="[^"]*"/)) reason = substr(labels, RSTART + 8, RLENGTH - 9)
    by_reason[reason] += value
  }
  else if (name == "envmon_ingest_lag_seconds") lag = value
  else if (name == "envmon_inflight_messages") inflight += value
  else if (name == "envmon_alerts_open") alerts += value
}
END {
  reasons = ""
  for (r in by_reason) if (by_reason[r] > 0) reasons = reasons (reasons == "" ? "" : " ") r "=" sprintf("%.0f", by_reason[r])
  printf "%.0f\t%.0f\t%.0f\t%.2f\t%.0f\t%.0f\t%s\n", received, stored, rejected, lag, inflight, alerts, reasons
}
