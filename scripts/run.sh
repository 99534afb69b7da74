#!/usr/bin/env bash
# Brings up the whole site on the embedded defaults (DESIGN §1, "Local defaults"):
# the embedded store, a primary and a fallback backend, and the static site.
# Every address is overridable by environment variable. Ctrl-C stops everything.
# AIART_RUN_DIR (default .run) holds logs and pid files, so a second copy (the e2e tests)
# does not collide with a developer's `make run`. Every other AIART_* / QUARKUS_* variable
# in the environment reaches both backends unchanged (e.g. AIART_LOCAL_DELAY=3s,
# AIART_RATE_LIMIT_ANONYMOUS=100, AIART_QUEUE_LEASE=3s, QUARKUS_HTTP_HOST=127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

SITE_PORT=${AIART_SITE_PORT:-8080}
PRIMARY_PORT=${AIART_PRIMARY_PORT:-8081}
FALLBACK_PORT=${AIART_FALLBACK_PORT:-8082}
STORE_PORT=${AIART_STORE_PORT:-27017}
STORE_DATA=${AIART_STORE_DATA:-data}
HOST=${AIART_HOST:-localhost}
RUN_DIR=${AIART_RUN_DIR:-.run}
LOGS=$RUN_DIR/logs
mkdir -p "$LOGS"

STORE_JAR=$(ls store/target/aiart-store-*-standalone.jar 2>/dev/null | head -n1)
BACKEND_JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$STORE_JAR" ] && [ -f "$BACKEND_JAR" ] && [ -f frontend/dist/index.html ] || {
  echo "Build missing: run 'make run' (it builds first)." >&2; exit 1; }

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping AiArt…"
  # backends first (they hand running jobs back to the queue), the store last
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  echo "Stopped. Data kept in ${STORE_DATA}/."
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$STORE_PORT" "$PRIMARY_PORT" "$FALLBACK_PORT" "$SITE_PORT"; do
  port_free "$p" || { echo "Port $p is already in use. Stop what uses it, or choose other ports (see README)." >&2; exit 1; }
done

wait_for() { # name url log pid
  local name=$1 url=$2 log=$3 pid=$4
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name failed to start; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1; fi
    if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$name did not become ready; see $log" >&2; exit 1
}
wait_port() { # name port log pid
  for _ in $(seq 1 150); do
    kill -0 "$4" 2>/dev/null || { echo "$1 failed to start; see $3" >&2; tail -n 30 "$3" >&2; exit 1; }
    port_free "$2" || return 0
    sleep 0.2
  done
  echo "$1 did not start; see $3" >&2; exit 1
}

echo "Starting AiArt…"
AIART_STORE_PORT=$STORE_PORT AIART_STORE_DATA=$STORE_DATA java -Xmx256m -jar "$STORE_JAR" >"$LOGS/store.log" 2>&1 &
pids+=($!); wait_port "store" "$STORE_PORT" "$LOGS/store.log" "$!"

ORIGINS="http://localhost:${SITE_PORT},http://127.0.0.1:${SITE_PORT}"
[ "$HOST" != localhost ] && [ "$HOST" != 127.0.0.1 ] && ORIGINS="$ORIGINS,http://${HOST}:${SITE_PORT}"
start_backend() { # name port
  QUARKUS_HTTP_PORT=$2 AIART_INSTANCE=$1 \
  AIART_IP_HASH_KEY="${AIART_IP_HASH_KEY:-aiart-local-run-key-not-for-production}" \
  QUARKUS_MONGODB_CONNECTION_STRING="mongodb://127.0.0.1:${STORE_PORT}" \
  AIART_CORS_ORIGINS="${AIART_CORS_ORIGINS:-$ORIGINS}" \
  java -Djava.awt.headless=true -Xmx256m -jar "$BACKEND_JAR" >"$LOGS/$1.log" 2>&1 &
  pids+=($!)
}
start_backend primary "$PRIMARY_PORT"; primary_pid=$!
start_backend fallback "$FALLBACK_PORT"; fallback_pid=$!
wait_for "primary backend" "http://127.0.0.1:${PRIMARY_PORT}/q/health/ready" "$LOGS/primary.log" "$primary_pid"
wait_for "fallback backend" "http://127.0.0.1:${FALLBACK_PORT}/q/health/ready" "$LOGS/fallback.log" "$fallback_pid"

PORT=$SITE_PORT HOST=127.0.0.1 \
AIART_PRIMARY_URL="${AIART_PRIMARY_URL:-http://${HOST}:${PRIMARY_PORT}}" \
AIART_FALLBACK_URL="${AIART_FALLBACK_URL:-http://${HOST}:${FALLBACK_PORT}}" \
node frontend/scripts/serve.mjs >"$LOGS/site.log" 2>&1 &
pids+=($!); wait_for "static site" "http://127.0.0.1:${SITE_PORT}/" "$LOGS/site.log" "$!"

cat <<TABLE

  AiArt is running. Open  http://${HOST}:${SITE_PORT}

  service            address                              log
  static site        http://${HOST}:${SITE_PORT}                $LOGS/site.log
  primary backend    http://${HOST}:${PRIMARY_PORT}/api/v1/health  $LOGS/primary.log
  fallback backend   http://${HOST}:${FALLBACK_PORT}/api/v1/health  $LOGS/fallback.log
  embedded store     mongodb://localhost:${STORE_PORT}            $LOGS/store.log  (data in ${STORE_DATA}/)

  Press Ctrl-C to stop everything.
TABLE

echo "$primary_pid" > "$RUN_DIR/primary.pid"; echo "$fallback_pid" > "$RUN_DIR/fallback.pid"
echo "${pids[0]}" > "$RUN_DIR/store.pid"; echo "${pids[3]}" > "$RUN_DIR/site.pid"

# Stay up until Ctrl-C. A backend may be stopped on purpose (kill "$(cat "$RUN_DIR/primary.pid")"
# shows the failover); the store and the site are needed by everything.
store_pid=${pids[0]}; site_pid=${pids[3]}; reported=""
while true; do
  for svc in "store:$store_pid" "site:$site_pid"; do
    kill -0 "${svc#*:}" 2>/dev/null || { echo "The ${svc%%:*} stopped unexpectedly; see $LOGS/." >&2; exit 1; }
  done
  for svc in "primary:$primary_pid" "fallback:$fallback_pid"; do
    if ! kill -0 "${svc#*:}" 2>/dev/null && [[ $reported != *"${svc%%:*}"* ]]; then
      echo "The ${svc%%:*} backend has stopped; the site carries on with the other one. See $LOGS/${svc%%:*}.log."
      reported="$reported ${svc%%:*}"
    fi
  done
  sleep 1
done
