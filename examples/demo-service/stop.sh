#!/usr/bin/env bash
# Usage: stop.sh PIDFILE
# Stops the demo-service instance named by PIDFILE (SIGTERM, then SIGKILL after 10 s) and
# removes the pid file. Safe to run twice, and on a pid file whose process is long gone.
set -euo pipefail

pidfile=${1:?usage: stop.sh PIDFILE}
[ -f "$pidfile" ] || exit 0
pid=$(cat "$pidfile")

# A zombie still answers kill -0, and in a container nobody may ever reap it: count it as gone.
alive() {
  kill -0 "$pid" 2>/dev/null || return 1
  [ -r "/proc/$pid/stat" ] || return 0
  [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ]
}

if [[ "$pid" =~ ^[0-9]+$ ]] && alive; then
  # A stale pid file may name a recycled pid: only signal a process that is a demo-service.
  if [ -r "/proc/$pid/cmdline" ] && ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'demo-service'; then
    echo "pid $pid from $pidfile is not a demo-service; leaving it alone"
  else
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do alive || break; sleep 0.1; done
    if alive; then
      echo "pid $pid ignored SIGTERM for 10 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "stopped pid $pid ($(basename "$pidfile" .pid))"
  fi
fi
rm -f "$pidfile"
