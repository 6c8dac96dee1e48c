#!/usr/bin/env bash
# Usage: demo-stop.sh WORKDIR
# Stops every demo-service instance the example release (release.md) left running in WORKDIR:
# staging and production stay up after a release, as they would in real life, and `runway demo`
# calls this at the end so the demo leaves no process behind.
set -euo pipefail

workdir=${1:?usage: demo-stop.sh WORKDIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

shopt -s nullglob
for pidfile in "$workdir"/*.pid; do
  "$here/demo-service/stop.sh" "$pidfile"
done
