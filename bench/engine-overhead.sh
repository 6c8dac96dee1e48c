#!/usr/bin/env bash
# Runway's per-step overhead: a runbook of N `true` steps against a bash loop of N `bash -c true`,
# end to end and in-process (from the journal), then `runway status` on the finished home.
#
#   bench/engine-overhead.sh [--steps 1000] [--repeat 3]
#
# Uses target/runway.jar (built if missing) and RUNWAY_JAVA, or the newest JDK in /usr/lib/jvm.
# With strace installed it also counts the fsyncs of one 100-step run, to show that every
# journal commit reaches the disk.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/target/runway.jar"

java="${RUNWAY_JAVA:-}"
if [ -z "$java" ]; then
  java="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -n1 || true)"
fi
[ -x "$java" ] || { echo "engine-overhead: no java found; set RUNWAY_JAVA" >&2; exit 2; }

if [ ! -f "$jar" ]; then
  (cd "$repo" && ./mvnw -B -q package -DskipTests >&2)
fi

# Through ./runway, as users run it: its JVM flags and its ahead-of-time class caches.
"$repo/runway" --version >/dev/null
"$java" -cp "$jar" "$repo/src/test/java/dev/runway/bench/EngineOverhead.java" --java "$java" --jar "$jar" --runway "$repo/runway" "$@"

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
