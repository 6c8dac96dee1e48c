#!/usr/bin/env bash
# How fast an observe window catches a failure, and what many windows cost: detection latency
# against `for` + one sample interval, then N concurrent windows (CPU share of one core, RSS).
#
#   bench/verification.sh [--trials 5] [--windows 500] [--seconds 30]
#
# Uses target/runway.jar (built or rebuilt through ./runway when the sources changed) and RUNWAY_JAVA, or the newest JDK in /usr/lib/jvm.
# The measured JVM gets the flags ./runway runs with (serial GC, C1 only). Takes about 2 minutes.
set -euo pipefail

name=verification
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

exec "$java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar" "$benches/VerificationBench.java" \
  --java "$java" --jar "$jar" --self "$benches/VerificationBench.java" "$@"
