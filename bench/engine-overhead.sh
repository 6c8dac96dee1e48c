#!/usr/bin/env bash
# Runway's per-step overhead: a runbook of N `true` steps against a bash loop of N `bash -c true`,
# end to end and in-process (from the journal), then `runway status` on the finished home.
#
#   bench/engine-overhead.sh [--steps 1000] [--repeat 3] [--against OTHER_CHECKOUT/runway]
#
# Uses target/runway.jar (built or rebuilt through ./runway when the sources changed) and RUNWAY_JAVA, or the newest JDK in /usr/lib/jvm.
# With strace installed it also counts the fsyncs of one 100-step run, to show that every
# journal commit reaches the disk.
set -euo pipefail

name=engine-overhead
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Through ./runway, as users run it: its JVM flags and its ahead-of-time class caches.
"$java" -cp "$jar" "$benches/EngineOverhead.java" --java "$java" --jar "$jar" --runway "$repo/runway" "$@"

if command -v strace >/dev/null 2>&1; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  { printf '# fsync count\n\n## Steps\n\n'; for i in $(seq 100); do printf '### step %d\n\n```bash\ntrue\n```\n\n' "$i"; done; } > "$tmp/rb.md"
  strace -f -qq -e trace=fsync,fdatasync -o "$tmp/trace" \
    "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" --home "$tmp/home" run "$tmp/rb.md" --json >/dev/null 2>&1
  syncs="$(grep -cE '(fsync|fdatasync)\(' "$tmp/trace" || true)"
  echo
  echo "durability: one 100-step run (200 step transitions + run start/finish) made $syncs fsync/fdatasync calls"
fi
