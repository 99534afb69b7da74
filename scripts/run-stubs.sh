#!/usr/bin/env bash
# `make run` with every upstream provider configured and pointed at local stand-ins that
# speak the real wire formats (StubUpstreams), to try the provider path in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
STUBS_PORT=${AIART_STUBS_PORT:-8090}
CP="backend/target/test-classes:backend/target/classes:$(cat backend/target/test-classpath.txt)"
mkdir -p .run/logs
AIART_STUBS_PORT=$STUBS_PORT java -Djava.awt.headless=true -cp "$CP" ai.aiart.provider.local.StubUpstreams >.run/logs/stubs.log 2>&1 &
stub_pid=$!
trap 'kill "$stub_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$STUBS_PORT") 2>/dev/null && break; sleep 0.1; done
echo "Upstream stubs on http://127.0.0.1:${STUBS_PORT} (log .run/logs/stubs.log)"
for p in STABILITY DASHSCOPE GEMINI; do
  export "AIART_PROVIDERS_${p}_API_KEY=local-stub-key" "AIART_PROVIDERS_${p}_BASE_URL=http://127.0.0.1:${STUBS_PORT}"
done
export AIART_PROVIDERS_DASHSCOPE_POLL_INTERVAL=${AIART_PROVIDERS_DASHSCOPE_POLL_INTERVAL:-500ms}
export AIART_PROVIDERS_GEMINI_POLL_INTERVAL=${AIART_PROVIDERS_GEMINI_POLL_INTERVAL:-500ms}
scripts/run.sh
