#!/bin/sh
# The JVM options an AiArt backend runs with, for a given java: written once, for the image
# (entrypoint.sh, train-cache.sh) and for the backends this repository starts on a machine
# (scripts/run.sh, the integration tests, the benchmark). docs/PERFORMANCE.md, "Start-up".
#
#   jvm.sh release <java>                              the java's feature release: 17, 25, …
#   jvm.sh options <java> <options dir> [<app dir>]    one option a line: those of jvm.options, those
#                                                      of that release (jvm-25.options from 25 on),
#                                                      and the app's start-up cache if that release
#                                                      made one there
#   jvm.sh cache <java> <app dir>                      the start-up cache file that release makes
#                                                      and reads: app.aot (JDK 25's AOT cache:
#                                                      classes loaded and linked, method profiles)
#                                                      or, before 25, app-cds.jsa (AppCDS: classes)
#
# The release comes from the JDK's `release` file, so asking costs no JVM start (a backend's
# entrypoint asks on every start); a JDK without that file is asked itself. The options are written
# out rather than passed as @files: JDK 25 hands a training run's command-line options, not the
# contents of its @files, to the process that writes the AOT cache, and a cache made with other
# options than the start's (e.g. without compact object headers) is refused.
set -eu

release() {
  bin=$(command -v "$1") || { echo "jvm.sh: no java at $1" >&2; exit 1; }
  home=$(dirname "$(dirname "$(readlink -f "$bin")")")
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
  if [ -z "$v" ]; then
    v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  fi
  [ -n "$v" ] || { echo "jvm.sh: cannot tell the release of $1" >&2; exit 1; }
  echo "$v"
}

lines() { # <options file>: its options, without comments and blank lines
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1" | grep -v '^$' || true
}

cache() { # <release> <app dir>
  if [ "$1" -ge 25 ]; then echo "$2/app.aot"; else echo "$2/app-cds.jsa"; fi
}

command=${1:-}
case "$command" in
  release)
    release "${2:?usage: jvm.sh release <java>}"
    ;;
  cache)
    cache "$(release "${2:?usage: jvm.sh cache <java> <app dir>}")" "${3:?usage: jvm.sh cache <java> <app dir>}"
    ;;
  options)
    r=$(release "${2:?usage: jvm.sh options <java> <options dir> [<app dir>]}")
    dir=${3:?usage: jvm.sh options <java> <options dir> [<app dir>]}
    lines "$dir/jvm.options"
    if [ "$r" -ge 25 ]; then lines "$dir/jvm-25.options"; fi
    if [ -n "${4:-}" ]; then
      file=$(cache "$r" "$4")
      if [ -f "$file" ]; then
        # a cache that does not fit (another JVM build, other options) is refused with a
        # warning in the log and the backend starts without it
        if [ "$r" -ge 25 ]; then echo "-XX:AOTCache=$file"; else echo "-XX:SharedArchiveFile=$file"; fi
      fi
    fi
    ;;
  *)
    echo "usage: jvm.sh release|cache|options … (see the head of this file)" >&2
    exit 2
    ;;
esac
