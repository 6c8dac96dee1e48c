#!/usr/bin/env bash
# Runway's demo monitor: sends 12 requests to production's order API and prints the share
# that failed (0.0 to 1.0), one number, as a command monitor must. Any problem reaching
# production is an error exit with the reason on stderr, which Runway reports as an
# unreadable sample, never a pass.
set -euo pipefail
workdir="$1"
if [ ! -s "$workdir/production.port" ]; then
  echo "production has no running instance yet (no $workdir/production.port)" >&2
  exit 1
fi
port="$(cat "$workdir/production.port")"
failed=0
for _ in $(seq 12); do
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/api/orders" || true)"
  case "$code" in 2??) ;; 000|'') echo "production does not answer on port $port" >&2; exit 1 ;; *) failed=$((failed + 1)) ;; esac
done
awk -v f="$failed" 'BEGIN { printf "%.3f\n", f / 12 }'
