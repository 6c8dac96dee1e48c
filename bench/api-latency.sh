#!/usr/bin/env bash
# API latency under concurrent clients on loopback: GET /api/runs/{id} (status) and
# POST /api/runs/{id}/approve (each a real approval that lets a run finish), p50/p90/p99/max.
#
#   bench/api-latency.sh [--clients 200] [--warmup 5] [--seconds 15] [--approvals 2000] [--approve-warmup 400]
#
# Uses target/runway.jar (built if missing) and RUNWAY_JAVA, or the newest JDK in /usr/lib/jvm.
# The server is `./runway serve`, as users start it; the clients run in another JVM.
# Takes 2–4 minutes, most of it starting the runs that wait at gates.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/target/runway.jar"
bench="$repo/src/test/java/dev/runway/bench"

java="${RUNWAY_JAVA:-}"
if [ -z "$java" ]; then
  java="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -n1 || true)"
fi
[ -x "$java" ] || { echo "api-latency: no java found; set RUNWAY_JAVA" >&2; exit 2; }

if [ ! -f "$jar" ]; then
  (cd "$repo" && ./mvnw -B -q package -DskipTests >&2)
fi
"$repo/runway" --version >/dev/null

exec "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" "$bench/ApiLatency.java" \
  --java "$java" --jar "$jar" --runway "$repo/runway" "$@"
