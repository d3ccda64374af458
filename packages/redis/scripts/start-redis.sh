#!/usr/bin/env bash
# Starts the Redis the Redis-backed tests and the queue bench use: loopback only, a test port, no persistence.
# Idempotent: does nothing when a Redis already answers on the port. Installs Debian's redis-server when missing.
# Usage: bash packages/redis/scripts/start-redis.sh   (port from REDIS_PORT, default 6390)
set -euo pipefail

port="${REDIS_PORT:-6390}"

# Outside CI a machine that cannot run Redis (no apt, no root) still runs the rest of the suite: the Redis-backed
# tests skip with a message there. In CI (CI=true) they must run, so failing to start Redis fails the run.
give_up() {
  echo "redis: $1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "redis: the Redis-backed tests will be skipped" >&2
  exit 0
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

answers() {
  # redis-cli may be missing before the install; bash's /dev/tcp needs nothing.
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

if answers; then
  echo "redis: already answering on 127.0.0.1:$port"
  exit 0
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis: installing Debian's redis-server (apt-get)"
  { as_root apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; } ||
    give_up "could not install redis-server with apt-get"
fi

# --save '' and --appendonly no: tests need no persistence, and nothing is written to disk.
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --dir /tmp --logfile "/tmp/redis-$port.log" --pidfile "/tmp/redis-$port.pid" || give_up "redis-server did not start"

for _ in $(seq 1 50); do
  if answers; then
    echo "redis: started on 127.0.0.1:$port (log /tmp/redis-$port.log)"
    exit 0
  fi
  sleep 0.1
done
give_up "did not answer on 127.0.0.1:$port within 5 s; see /tmp/redis-$port.log"
