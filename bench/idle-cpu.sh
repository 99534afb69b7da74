#!/usr/bin/env bash
# Measures CPU seconds a backend spends per idle minute, awake and hibernating, and the
# latency of the request that wakes it. Uses the packaged backend on its own embedded
# (in-memory) store, loopback only. Prints a small table (markdown).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "build first: make build" >&2; exit 1; }
MINUTE=${IDLE_MEASURE_SECONDS:-60}
TICK=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

run() { # idle-setting -> prints "cpu_seconds_per_minute wake_ms awake_ms"
  local port store pid
  port=$(free_port); store=$(free_port)
  AIART_HIBERNATION_IDLE=$1 AIART_HIBERNATION_ENABLED=$2 QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
  AIART_STORE_EMBEDDED_PORT=$store AIART_STORE_EMBEDDED_DATA_DIR=memory AIART_INSTANCE=idle-bench AIART_IP_HASH_KEY=idle-bench-key-not-for-production \
    java -Djava.awt.headless=true -Xmx256m -jar "$JAR" >/tmp/aiart-idle-bench.log 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break; sleep 0.1; done
  curl -fs -o /dev/null "http://127.0.0.1:$port/api/v1/limits"
  if [ "$2" = true ]; then
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/health" | grep -q '"hibernating":true' && break; sleep 1; done
  else
    sleep 15
  fi
  local before after
  before=$(cpu_ticks $pid); sleep "$MINUTE"; after=$(cpu_ticks $pid)
  local cpu wake awake
  cpu=$(awk -v a="$before" -v b="$after" -v t="$TICK" -v m="$MINUTE" 'BEGIN{printf "%.3f", (b-a)/t*60/m}')
  wake=$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/v1/limits")
  awake=$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/v1/limits")
  echo "$cpu $(awk -v w="$wake" 'BEGIN{printf "%.1f", w*1000}') $(awk -v w="$awake" 'BEGIN{printf "%.1f", w*1000}')"
}

read -r awake_cpu _ _ < <(run 15m false)
read -r hib_cpu wake_ms awake_ms < <(run 5s true)
cat <<TABLE
| state | CPU seconds per idle minute |
|---|---|
| awake (hibernation off) | $awake_cpu |
| hibernating | $hib_cpu |

| request | latency |
|---|---|
| first request, waking the instance | ${wake_ms} ms |
| the next request, awake | ${awake_ms} ms |
TABLE
