# Sourced by the bench scripts (with $name set for messages): the repository, a JDK and the jar.
# The jar is built through ./runway, which rebuilds it when the sources are newer (a stale jar
# would be measured otherwise) and records the JVM AOT caches the launcher runs with.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/target/runway.jar"
benches="$repo/src/test/java/dev/runway/bench"

java="${RUNWAY_JAVA:-}"
if [ -z "$java" ]; then
  java="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -n1 || true)"
fi
[ -x "$java" ] || { echo "$name: no java found; set RUNWAY_JAVA" >&2; exit 2; }

"$repo/runway" --version >/dev/null
