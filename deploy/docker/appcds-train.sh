#!/bin/sh
# Makes the class-data sharing archive of the backend image (run once, in the Dockerfile):
# starts the packaged app with the production JVM options and the embedded in-memory store,
# waits until /q/health/ready answers 200, then stops it with SIGTERM; the JVM writes every
# class it loaded to the archive as it exits (-XX:ArchiveClassesAtExit, JDK 13+).
#   appcds-train.sh <app dir> <archive>     e.g. appcds-train.sh /app /app/app-cds.jsa
# APPCDS_JVM_OPTIONS names the options file when it is not <app dir>/jvm.options (the Makefile trains
# the archive of the local build with deploy/docker/jvm.options); APPCDS_TRAIN_PORT the port (and the
# next one, for the store).
# The archive only fits the JVM that made it, which is why it is made in the runtime image;
# -XX:MaxRAM=512m sizes the training JVM as in a 512 MB container whatever the build machine
# has (so both use compressed pointers the same way).
set -eu
app_dir=${1:?usage: appcds-train.sh <app dir> <archive>}
archive=${2:?usage: appcds-train.sh <app dir> <archive>}
port=${APPCDS_TRAIN_PORT:-18080}
options=${APPCDS_JVM_OPTIONS:-$app_dir/jvm.options}

cd "$app_dir"
QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
AIART_STORE_EMBEDDED_ENABLED=true AIART_STORE_EMBEDDED_DATA_DIR=memory AIART_STORE_EMBEDDED_PORT=$((port + 1)) \
AIART_INSTANCE=appcds-training MALLOC_ARENA_MAX=2 AIART_IP_HASH_KEY=appcds-training-run-key-not-for-production \
AIART_DATA_KEY="appcds:$(head -c 32 /dev/urandom | base64 | tr -d '\n')" \
  java @"$options" -XX:MaxRAM=512m -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$app_dir/quarkus-run.jar" &
pid=$!

ready=no
i=0
while [ $i -lt 180 ]; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "appcds-train: the app exited during start-up" >&2; exit 1; fi
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then ready=yes; break; fi
  sleep 1
  i=$((i + 1))
done
# a few requests, so the classes of the API path are in the archive as well
for path in /api/v1/health /q/health/live /api/v1/limits /q/metrics; do
  curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port$path" || true
done
kill -TERM "$pid"
wait "$pid" || true
[ "$ready" = yes ] || { echo "appcds-train: the app did not become ready" >&2; exit 1; }
[ -s "$archive" ] || { echo "appcds-train: no archive written" >&2; exit 1; }
echo "appcds-train: wrote $archive ($(du -h "$archive" | cut -f1))"
