#!/bin/sh
# Prints the java that the backends started on this machine run with (make run, the integration and
# end-to-end tests, make bench): production runs JDK 25 (the Dockerfile), so the newest JDK of release 25
# or later found here, else the java on the PATH (17 at least; the build itself always uses that one).
#   1. AIART_BACKEND_JAVA, when set (any release from 17 on: AIART_BACKEND_JAVA=java keeps to the PATH's)
#   2. $JAVA_HOME/bin/java, when JAVA_HOME is set and is 25 or later
#   3. the newest /usr/lib/jvm/*/bin/java of release 25 or later (Debian's and Temurin's packages)
#   4. java
set -eu
jvm_sh="$(dirname "$0")/../deploy/docker/jvm.sh"
if [ -n "${AIART_BACKEND_JAVA:-}" ]; then
  echo "$AIART_BACKEND_JAVA"
  exit 0
fi
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$("$jvm_sh" release "$JAVA_HOME/bin/java")" -ge 25 ]; then
  echo "$JAVA_HOME/bin/java"
  exit 0
fi
best="" best_release=0
for java in /usr/lib/jvm/*/bin/java; do
  [ -x "$java" ] || continue
  release=$("$jvm_sh" release "$java" 2>/dev/null) || continue
  if [ "$release" -ge 25 ] && [ "$release" -gt "$best_release" ]; then
    best=$java best_release=$release
  fi
done
echo "${best:-java}"
