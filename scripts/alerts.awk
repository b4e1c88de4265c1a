# Reads the ingest service's alert stream (Server-Sent Events of GET /api/alerts/stream, docs/api.md) and prints
# one line per alert event:
#   ALERT <state> <severity> <kind>/<site>[/<point>] <rule>: <message>
# The events' JSON is flat (docs/contract.md, alert event JSON), so the fields are taken with a pattern each.
function field(line, key,    m, v) {
  if (!match(line, "\"" key "\":\"([^\"\\\\]|\\\\.)*\"")) return ""
  v = substr(line, RSTART + length(key) + 4, RLENGTH - length(key) - 5)
  gsub(/\\"/, "\"", v)
  gsub(/\\n/, " ", v)
  gsub(/\\\\/, "\\", v)
  return v
}
/^data: / {
  point = field($0, "point")
  printf "  ALERT %s %s %s/%s%s %s: %s\n", field($0, "state"), field($0, "severity"), field($0, "kind"),
    field($0, "site"), (point == "" ? "" : "/" point), field($0, "rule"), field($0, "message")
}
