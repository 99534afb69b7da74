#!/usr/bin/env bash
# Brings up the whole site on the embedded defaults (docs/ARCHITECTURE.md, "Local defaults"):
# the embedded store, the Firebase Auth emulator (sign-in, with a seeded local admin), a primary
# and a fallback backend, and the static site. AIART_AUTH_EMULATOR=off leaves the emulator out
# (sign-in then says it is not configured; the backends run as in production).
# Every address is overridable by environment variable. Ctrl-C stops everything.
# With QUARKUS_MONGODB_CONNECTION_STRING set (a MongoDB of your own, e.g. an Atlas cluster), no
# embedded store is started and both backends use that database; its credentials are never printed.
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
AUTH_PORT=${AIART_AUTH_PORT:-9099}
AUTH_EMULATOR=${AIART_AUTH_EMULATOR:-on}
AUTH_PROJECT=demo-aiart
AUTH_DATA=""
# The seeded admin of the local emulator (docs/IDENTITY.md). Local emulator only: it exists
# nowhere else, and production backends refuse emulator mode.
ADMIN_EMAIL=admin@aiart.test
ADMIN_PASSWORD=local-admin-only
HOST=${AIART_HOST:-localhost}
# A MongoDB of the user's own: both backends use it and no embedded store is started.
OWN_STORE=${QUARKUS_MONGODB_CONNECTION_STRING:-}
RUN_DIR=${AIART_RUN_DIR:-.run}
LOGS=$RUN_DIR/logs
mkdir -p "$LOGS"

STORE_JAR=$(ls store/target/aiart-store-*-standalone.jar 2>/dev/null | head -n1)
BACKEND_JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$STORE_JAR" ] && [ -f "$BACKEND_JAR" ] && [ -f frontend/dist/index.html ] || {
  echo "Build missing: run 'make run' (it builds first)." >&2; exit 1; }
# The connection string as it may be shown: everything before the last '@' (user, password, however
# they are written) and the options after '?' are left out, so no credential reaches the screen or a log.
mask_uri() {
  local scheme=${1%%://*} rest=${1#*://} creds=""
  if [[ $rest == *@* ]]; then rest=${rest##*@}; creds='***:***@'; fi
  printf '%s://%s%s' "$scheme" "$creds" "${rest%%\?*}"
}
if [ -n "$OWN_STORE" ]; then
  case $OWN_STORE in
    mongodb://?*|mongodb+srv://?*) ;;
    *) echo "QUARKUS_MONGODB_CONNECTION_STRING must start with mongodb:// or mongodb+srv:// (see docs/DEPLOY.md, step 2)." >&2; exit 1 ;;
  esac
  STORE_URI=$OWN_STORE
  STORE_SHOWN="$(mask_uri "$OWN_STORE") (database ${QUARKUS_MONGODB_DATABASE:-aiart})"
else
  STORE_URI="mongodb://127.0.0.1:${STORE_PORT}"
  STORE_SHOWN="mongodb://localhost:${STORE_PORT}"
fi
case $AUTH_EMULATOR in
  on|off) ;;
  *) echo "AIART_AUTH_EMULATOR must be on or off, got '$AUTH_EMULATOR'." >&2; exit 1 ;;
esac
FIREBASE_CLI=tools/node_modules/.bin/firebase
[ "$AUTH_EMULATOR" = off ] || [ -x "$FIREBASE_CLI" ] || {
  echo "The Firebase Auth emulator is not installed: run 'make run' (it installs tools/), or 'npm ci --prefix tools'." >&2; exit 1; }

pids=()
auth_pid=""
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping AiArt…"
  # backends first (they hand running jobs back to the queue), the store last
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  # the emulator runs in its own process group: firebase-tools may start children of its own
  if [ -n "$auth_pid" ]; then
    kill -TERM -- "-$auth_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$auth_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$auth_pid" 2>/dev/null || true
    wait "$auth_pid" 2>/dev/null || true
  fi
  if [ -n "$OWN_STORE" ]; then echo "Stopped. The data stays in your MongoDB."; else echo "Stopped. Data kept in ${STORE_DATA}/."; fi
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$PRIMARY_PORT" "$FALLBACK_PORT" "$SITE_PORT")
[ -n "$OWN_STORE" ] || ports+=("$STORE_PORT")
[ "$AUTH_EMULATOR" = on ] && ports+=("$AUTH_PORT")
for p in "${ports[@]}"; do
  port_free "$p" || { echo "Port $p is already in use. Stop what uses it, or choose other ports (see README)." >&2; exit 1; }
done

# A backend is ready once its store answers (and a mongodb+srv:// address that cannot be looked up
# stops it at start): with a MongoDB of one's own, that store is the usual cause.
store_hint() {
  [ -z "$OWN_STORE" ] || echo "Is your MongoDB reachable from here? ($STORE_SHOWN; on Atlas, Network Access must allow this machine's address.)" >&2
}
wait_for() { # name url log pid
  local name=$1 url=$2 log=$3 pid=$4
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "$name failed to start; last lines of $log:" >&2; tail -n 30 "$log" >&2; store_hint; exit 1; fi
    if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$name did not become ready; see $log" >&2; store_hint; exit 1
}
wait_port() { # name port log pid
  for _ in $(seq 1 150); do
    kill -0 "$4" 2>/dev/null || { echo "$1 failed to start; see $3" >&2; tail -n 30 "$3" >&2; exit 1; }
    port_free "$2" || return 0
    sleep 0.2
  done
  echo "$1 did not start; see $3" >&2; exit 1
}

# A free port for the emulator's internal hub and logging servers (not used by AiArt).
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
LOCAL_ONLY=true
[ "$HOST" != localhost ] && [ "$HOST" != 127.0.0.1 ] && LOCAL_ONLY=false

if [ -n "$OWN_STORE" ]; then echo "Starting AiArt… (store: your MongoDB, $STORE_SHOWN)"; else echo "Starting AiArt…"; fi
if [ "$AUTH_EMULATOR" = on ]; then
  # Everything firebase-tools writes (config, cache, temp files, hub locator) stays in $RUN_DIR.
  FB_DIR=$(cd "$RUN_DIR" && pwd)/firebase
  mkdir -p "$FB_DIR/home" "$FB_DIR/tmp"
  BIND=127.0.0.1; $LOCAL_ONLY || BIND=0.0.0.0
  # Accounts are kept between runs next to the store's data (they belong together: the store
  # files users under their Firebase uid), exported when the emulator stops.
  keep=()
  if [ "$STORE_DATA" != memory ]; then
    mkdir -p "$STORE_DATA/auth-emulator"
    AUTH_DATA=$(cd "$STORE_DATA/auth-emulator" && pwd)
    [ -f "$AUTH_DATA/firebase-export-metadata.json" ] && keep+=(--import "$AUTH_DATA")
    keep+=(--export-on-exit "$AUTH_DATA")
  fi
  cat >"$FB_DIR/firebase.json" <<JSON
{"emulators": {
  "auth": {"host": "$BIND", "port": $AUTH_PORT},
  "hub": {"host": "127.0.0.1", "port": $(free_port)},
  "logging": {"host": "127.0.0.1", "port": $(free_port)},
  "ui": {"enabled": false},
  "singleProjectMode": true}}
JSON
  # setsid: its own process group, so that stop_all can stop it with everything it started.
  HOME="$FB_DIR/home" XDG_CONFIG_HOME="$FB_DIR/home/.config" XDG_CACHE_HOME="$FB_DIR/home/.cache" TMPDIR="$FB_DIR/tmp" \
  NO_UPDATE_NOTIFIER=1 \
  setsid "$FIREBASE_CLI" emulators:start --only auth --project "$AUTH_PROJECT" --config "$FB_DIR/firebase.json" \
    ${keep[@]+"${keep[@]}"} >"$LOGS/auth-emulator.log" 2>&1 </dev/null &
  auth_pid=$!
fi

store_pid=""
if [ -n "$OWN_STORE" ]; then
  rm -f "$RUN_DIR/store.pid" # from an earlier run with the embedded store
else
  AIART_STORE_PORT=$STORE_PORT AIART_STORE_DATA=$STORE_DATA java -Xmx256m -jar "$STORE_JAR" >"$LOGS/store.log" 2>&1 &
  store_pid=$!; pids+=($!); wait_port "store" "$STORE_PORT" "$LOGS/store.log" "$!"
fi

AUTH_ENV=()
SITE_AUTH_ENV=()
if [ "$AUTH_EMULATOR" = on ]; then
  wait_for "auth emulator" "http://127.0.0.1:${AUTH_PORT}/" "$LOGS/auth-emulator.log" "$auth_pid"
  # The local admin: an e-mail/password account, its address verified (AIART_AUTH_ADMIN_EMAILS
  # counts verified addresses only), through the emulator's REST API ("Bearer owner" is its admin).
  E="http://127.0.0.1:${AUTH_PORT}/identitytoolkit.googleapis.com/v1"
  local_id() { # REST method → the account's localId (empty if refused)
    curl -sS --max-time 10 "$E/accounts:$1?key=demo-key" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\",\"returnSecureToken\":true}" \
      | tr -d '\n' | sed -n 's/.*"localId": *"\([^"]*\)".*/\1/p'
  }
  admin_uid=$(local_id signUp)
  [ -n "$admin_uid" ] || admin_uid=$(local_id signInWithPassword)   # kept from an earlier run
  [ -n "$admin_uid" ] || { echo "Could not create or sign in the local admin in the auth emulator (see $LOGS/auth-emulator.log;" \
    "to start its accounts afresh, remove ${AUTH_DATA:-its data})." >&2; exit 1; }
  curl -fsS --max-time 10 -o /dev/null "$E/projects/${AUTH_PROJECT}/accounts:update" -H 'Authorization: Bearer owner' \
    -H 'Content-Type: application/json' -d "{\"localId\":\"$admin_uid\",\"emailVerified\":true}" \
    || { echo "Could not verify the local admin's e-mail in the auth emulator" >&2; exit 1; }
  # Emulator mode is refused under the prod profile (EmulatorGuard): the backends run as dev,
  # bound to 127.0.0.1 unless the site is offered on another address (AIART_HOST).
  AUTH_ENV=(QUARKUS_PROFILE="${QUARKUS_PROFILE:-dev}" AIART_AUTH_EMULATOR_HOST="127.0.0.1:${AUTH_PORT}"
    AIART_AUTH_PROJECT_ID="$AUTH_PROJECT" AIART_AUTH_ADMIN_EMAILS="${AIART_AUTH_ADMIN_EMAILS:+$AIART_AUTH_ADMIN_EMAILS,}$ADMIN_EMAIL")
  $LOCAL_ONLY || AUTH_ENV+=(QUARKUS_HTTP_HOST="${QUARKUS_HTTP_HOST:-0.0.0.0}")
  SITE_AUTH_ENV=(AIART_FIREBASE_API_KEY=demo-key AIART_FIREBASE_PROJECT_ID="$AUTH_PROJECT"
    AIART_FIREBASE_AUTH_DOMAIN="${AUTH_PROJECT}.firebaseapp.com" AIART_FIREBASE_AUTH_EMULATOR_URL="http://${HOST}:${AUTH_PORT}")
  echo "$auth_pid" > "$RUN_DIR/auth.pid"
fi

ORIGINS="http://localhost:${SITE_PORT},http://127.0.0.1:${SITE_PORT}"
$LOCAL_ONLY || ORIGINS="$ORIGINS,http://${HOST}:${SITE_PORT}"
# The backends check each other as in production (docs/OPERATIONS.md, "Peers"): each reads the
# other's internal status with a key made for this run, and counts its workers in wait estimates.
INTERNAL_KEY=${AIART_INTERNAL_API_KEY:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
# E-mails and prompts are stored encrypted with AIART_DATA_KEY (docs/IDENTITY.md, "Encrypted at rest").
# The store's data outlives a run, so its key must too: made once and kept beside the data, in
# ${STORE_DATA}/data-key (never committed: data/ is ignored). Lose that file and what it sealed stays
# unreadable. A store in memory gets a key for this run only.
if [ -n "${AIART_DATA_KEY:-}" ]; then
  DATA_KEY=$AIART_DATA_KEY
elif [ "$STORE_DATA" = memory ]; then
  DATA_KEY="run:$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
else
  if [ ! -s "$STORE_DATA/data-key" ]; then
    mkdir -p "$STORE_DATA"
    (umask 077; printf 'local:%s\n' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" > "$STORE_DATA/data-key")
    echo "Made the data key of this machine's store: $STORE_DATA/data-key (keep it with the data)."
  fi
  DATA_KEY=$(tr -d ' \n' < "$STORE_DATA/data-key")
fi
# The backends run as deployed: the java of scripts/backend-java.sh (JDK 25 when the machine has one, as the
# image), the image's JVM options (deploy/docker/jvm.sh: jvm.options, and jvm-25.options on 25) sized as in a
# 512 MB container, glibc's arenas capped as the image's entrypoint does, and the jar's start-up cache when
# `make` trained one for that java (Makefile, backend-cache). What is measured here is what runs deployed.
BACKEND_JAVA=${AIART_BACKEND_JAVA:-$(scripts/backend-java.sh)}
mapfile -t JVM_OPTIONS < <(deploy/docker/jvm.sh options "$BACKEND_JAVA" "$PWD/deploy/docker" "$PWD/backend/target/quarkus-app")
[ ${#JVM_OPTIONS[@]} -gt 0 ] || { echo "No JVM options for $BACKEND_JAVA (deploy/docker/jvm.sh failed)" >&2; exit 1; }
JVM_OPTIONS+=(-XX:MaxRAM=512m)
# The fallback runs C1 only, as deployed (render.yaml, fly.toml: docs/DEPLOY.md, "Memory and start-up").
JVM_FALLBACK=(-XX:TieredStopAtLevel=1)
start_backend() { # name port peer-port [JVM options…]
  local name=$1 port=$2 peer=$3; shift 3
  env ${AUTH_ENV[@]+"${AUTH_ENV[@]}"} QUARKUS_HTTP_PORT=$port AIART_INSTANCE=$name MALLOC_ARENA_MAX=2 \
  AIART_IP_HASH_KEY="${AIART_IP_HASH_KEY:-aiart-local-run-key-not-for-production}" \
  AIART_DATA_KEY="$DATA_KEY" \
  AIART_INTERNAL_API_KEY="$INTERNAL_KEY" AIART_PEERS_URLS="${AIART_PEERS_URLS:-http://127.0.0.1:$peer}" \
  QUARKUS_MONGODB_CONNECTION_STRING="$STORE_URI" \
  AIART_CORS_ORIGINS="${AIART_CORS_ORIGINS:-$ORIGINS}" \
  "$BACKEND_JAVA" "${JVM_OPTIONS[@]}" "$@" -jar "$PWD/$BACKEND_JAR" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}
start_backend primary "$PRIMARY_PORT" "$FALLBACK_PORT"; primary_pid=$!
start_backend fallback "$FALLBACK_PORT" "$PRIMARY_PORT" "${JVM_FALLBACK[@]}"; fallback_pid=$!
wait_for "primary backend" "http://127.0.0.1:${PRIMARY_PORT}/q/health/ready" "$LOGS/primary.log" "$primary_pid"
wait_for "fallback backend" "http://127.0.0.1:${FALLBACK_PORT}/q/health/ready" "$LOGS/fallback.log" "$fallback_pid"

env ${SITE_AUTH_ENV[@]+"${SITE_AUTH_ENV[@]}"} PORT=$SITE_PORT HOST=127.0.0.1 \
AIART_PRIMARY_URL="${AIART_PRIMARY_URL:-http://${HOST}:${PRIMARY_PORT}}" \
AIART_FALLBACK_URL="${AIART_FALLBACK_URL:-http://${HOST}:${FALLBACK_PORT}}" \
node frontend/scripts/serve.mjs >"$LOGS/site.log" 2>&1 &
site_pid=$!; pids+=($!); wait_for "static site" "http://127.0.0.1:${SITE_PORT}/" "$LOGS/site.log" "$!"

cat <<TABLE

  AiArt is running. Open  http://${HOST}:${SITE_PORT}

  service            address                              log
  static site        http://${HOST}:${SITE_PORT}                $LOGS/site.log
  primary backend    http://${HOST}:${PRIMARY_PORT}/api/v1/health  $LOGS/primary.log
  fallback backend   http://${HOST}:${FALLBACK_PORT}/api/v1/health  $LOGS/fallback.log
TABLE
if [ -n "$OWN_STORE" ]; then
  echo "  your MongoDB       ${STORE_SHOWN}  (QUARKUS_MONGODB_CONNECTION_STRING; no embedded store started)"
else
  echo "  embedded store     ${STORE_SHOWN}            $LOGS/store.log  (data in ${STORE_DATA}/)"
fi
if [ "$AUTH_EMULATOR" = on ]; then
  cat <<TABLE
  auth emulator      http://${HOST}:${AUTH_PORT}                $LOGS/auth-emulator.log

  Local admin (local emulator only):  ${ADMIN_EMAIL}  /  ${ADMIN_PASSWORD}
  Sign in at http://${HOST}:${SITE_PORT}/signin.html, then open http://${HOST}:${SITE_PORT}/admin.html.
TABLE
  if [ -n "${AUTH_DATA:-}" ]; then echo "  Accounts are kept in ${AUTH_DATA} (saved when AiArt stops)."
  else echo "  Accounts live in the emulator's memory: they are gone after Ctrl-C."; fi
else
  echo "  auth emulator      off (AIART_AUTH_EMULATOR=off): sign-in is not configured"
fi
printf '\n  Press Ctrl-C to stop everything.\n'

echo "$primary_pid" > "$RUN_DIR/primary.pid"; echo "$fallback_pid" > "$RUN_DIR/fallback.pid"
[ -z "$store_pid" ] || echo "$store_pid" > "$RUN_DIR/store.pid"
echo "$site_pid" > "$RUN_DIR/site.pid"

# Stay up until Ctrl-C. A backend may be stopped on purpose (kill "$(cat "$RUN_DIR/primary.pid")"
# shows the failover); the store (when started here) and the site are needed by everything.
needed=("site:$site_pid")
[ -z "$store_pid" ] || needed+=("store:$store_pid")
reported=""
while true; do
  for svc in "${needed[@]}"; do
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
