#!/usr/bin/env bash
# End-to-end tests in headless Chromium over the real topology (see frontend/README.md).
# Checks the tools, installs Chromium and the frontend's npm packages if needed, runs `npm run test:e2e`
# (which builds what is missing, starts scripts/run.sh on free ports with a temporary store,
# and tears it down), then verifies that no backend, store or Auth emulator process started
# during the run is still alive.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

scripts/install-chromium.sh   # Debian's, when missing (as root or with password-less sudo)
command -v java >/dev/null && command -v node >/dev/null || { echo "Java 17 and Node.js 20 or newer are needed" >&2; exit 1; }
[ -x tools/node_modules/.bin/firebase ] || npm ci --prefix tools --no-audit --no-fund --omit=optional   # the Auth emulator (as the Makefile installs it)
if [ ! -f frontend/node_modules/.package-lock.json ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ] \
   || [ ! -d frontend/node_modules/playwright-core ]; then
  (cd frontend && npm ci --no-audit --no-fund)
fi

# Our processes: java running the backend or store jar, or the Firebase Auth emulator, with this
# checkout as working directory.
ours() {
  local pid
  for pid in $(pgrep -f 'quarkus-run.jar|aiart-store-.*-standalone.jar|firebase emulators:start' || true); do
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$ROOT" ] && echo "$pid"
  done
  return 0
}
before=" $(ours | tr '\n' ' ') "

rc=0
(cd frontend && npm run --silent test:e2e) || rc=$?

orphans=()
for pid in $(ours); do [[ $before == *" $pid "* ]] || orphans+=("$pid"); done
if [ ${#orphans[@]} -gt 0 ]; then
  echo "e2e: processes left running after the tests: ${orphans[*]} — stopping them" >&2
  ps -o pid,args -p "$(IFS=,; echo "${orphans[*]}")" >&2 || true
  kill -9 "${orphans[@]}" 2>/dev/null || true
  rc=1
else
  echo "e2e: no backend, store or auth emulator process left running"
fi
echo "e2e: screenshots and logs in frontend/test-output/e2e/"
exit $rc
