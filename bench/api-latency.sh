#!/usr/bin/env bash
# API latency under concurrent clients on loopback: GET /api/runs/{id} (status) and
# POST /api/runs/{id}/approve (each a real approval that lets a run finish), p50/p90/p99/max.
#
#   bench/api-latency.sh [--clients 200] [--warmup 5] [--seconds 15] [--approvals 2000] [--approve-warmup 400]
#
# Uses target/runway.jar (built or rebuilt through ./runway when the sources changed) and RUNWAY_JAVA, or the newest JDK in /usr/lib/jvm.
# The server is `./runway serve`, as users start it; the clients run in another JVM.
# Takes 2–4 minutes, most of it starting the runs that wait at gates.
set -euo pipefail

name=api-latency
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

exec "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" "$benches/ApiLatency.java" \
  --java "$java" --jar "$jar" --runway "$repo/runway" "$@"
