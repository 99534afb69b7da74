#!/bin/sh
# Entrypoint of the AiArt backend image (see the Dockerfile and docs/DEPLOY.md).
# Render, Railway and Fly tell the container which port to listen on in $PORT; the backend
# reads QUARKUS_HTTP_PORT, so the one becomes the other (8080 when neither is set).
set -eu

export QUARKUS_HTTP_PORT="${PORT:-${QUARKUS_HTTP_PORT:-8080}}"

# glibc gives each thread that allocates its own 64 MB malloc arena; with Vert.x, workers
# and the MongoDB driver that is tens of MB of resident memory for nothing in 512 MB.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# The options of jvm.options (and jvm-25.options on JDK 25) and the start-up cache the image trained
# (train-cache.sh: /app/app.aot on JDK 25), one a line: deploy/docker/jvm.sh, written once for the image
# and for local runs. A cache this JVM does not take is refused with a warning and the backend starts
# without it. AOT_CACHE=off at run time leaves it out.
options=$(/app/jvm.sh options java /app "$([ "${AOT_CACHE:-on}" = off ] || echo /app)")

# JAVA_OPTS_APPEND: extra JVM options from the platform's environment (e.g. -XX:TieredStopAtLevel=1).
# shellcheck disable=SC2086 # word splitting of the option lists is intended
exec java $options ${JAVA_OPTS_APPEND:-} -jar /app/quarkus-run.jar "$@"
