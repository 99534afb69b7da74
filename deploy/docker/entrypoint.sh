#!/bin/sh
# Entrypoint of the AiArt backend image (see the Dockerfile and docs/DEPLOY.md).
# Render, Railway and Fly tell the container which port to listen on in $PORT; the backend
# reads QUARKUS_HTTP_PORT, so the one becomes the other (8080 when neither is set).
set -eu

export QUARKUS_HTTP_PORT="${PORT:-${QUARKUS_HTTP_PORT:-8080}}"

# glibc gives each thread that allocates its own 64 MB malloc arena; with Vert.x, workers
# and the MongoDB driver that is tens of MB of resident memory for nothing in 512 MB.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# Class-data sharing archive, when the image was built with APPCDS=true (appcds-train.sh): the
# JVM maps the classes loaded then instead of loading them again. Made by this very JVM; if it
# no longer matches (another JVM build), the JVM ignores it and starts normally. APPCDS=off at
# run time ignores it too.
cds=""
if [ -f /app/app-cds.jsa ] && [ "${APPCDS:-on}" != "off" ]; then
  cds="-XX:SharedArchiveFile=/app/app-cds.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
fi

# JAVA_OPTS_APPEND: extra JVM options from the platform's environment (e.g. -Xmx300m).
# shellcheck disable=SC2086 # word splitting of the option lists is intended
exec java @/app/jvm.options $cds ${JAVA_OPTS_APPEND:-} -jar /app/quarkus-run.jar "$@"
