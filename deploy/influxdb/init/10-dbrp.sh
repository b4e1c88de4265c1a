#!/bin/bash
# Run once by the influxdb:2.7 image when it initialises an empty volume (DOCKER_INFLUXDB_INIT_MODE=setup), with the
# influx CLI already set up with the admin token. Maps the InfluxQL database "env" (retention policy "autogen") to
# the bucket the setup created, so that Grafana's InfluxQL (and any InfluxDB 1.x client) finds the readings that the
# ingest service writes through the v2 API.
set -euo pipefail

influx v1 dbrp create \
  --org "${DOCKER_INFLUXDB_INIT_ORG}" \
  --bucket-id "${DOCKER_INFLUXDB_INIT_BUCKET_ID}" \
  --db "${DOCKER_INFLUXDB_INIT_BUCKET}" \
  --rp autogen \
  --default
