#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: the e2e tests and the failover measurement drive it
# through playwright-core, which downloads no browser (frontend/README.md, "End-to-end tests").
# As root, or with password-less sudo, it runs apt-get; otherwise it says what to run.
set -euo pipefail
CHROMIUM=${AIART_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
how="apt-get install -y chromium (or set AIART_CHROMIUM to a Chromium binary)"
if ! command -v apt-get >/dev/null; then
  echo "Chromium is needed for the e2e tests: install your system's chromium package, or set AIART_CHROMIUM" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "Chromium is needed for the e2e tests: sudo $how" >&2
    exit 1
  fi
fi
echo "Installing Debian's chromium for the e2e tests (apt-get install chromium)"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "chromium was installed but $CHROMIUM is not there: set AIART_CHROMIUM" >&2; exit 1; }
