#!/usr/bin/env bash
# How fast an observe window catches a failure, and what many windows cost: detection latency
# against `for` + one sample interval, then N concurrent windows (CPU share of one core, RSS).
#
#   bench/verification.sh [--trials 5] [--windows 500] [--seconds 30]
#
# Uses target/runway.jar (built if missing) and RUNWAY_JAVA, or the newest JDK in /usr/lib/jvm.
# The measured JVM gets the flags ./runway runs with (serial GC, C1 only). Takes about 2 minutes.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/target/runway.jar"
self="$repo/src/test/java/dev/runway/bench/VerificationBench.java"

java="${RUNWAY_JAVA:-}"
if [ -z "$java" ]; then
  java="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -n1 || true)"
fi
[ -x "$java" ] || { echo "verification: no java found; set RUNWAY_JAVA" >&2; exit 2; }

if [ ! -f "$jar" ]; then
  (cd "$repo" && ./mvnw -B -q package -DskipTests >&2)
fi

exec "$java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar" "$self" \
  --java "$java" --jar "$jar" --self "$self" "$@"
