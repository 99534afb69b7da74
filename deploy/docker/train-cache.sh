#!/bin/sh
# Trains the backend's start-up cache (docs/PERFORMANCE.md, "Start-up"): starts the packaged app
# once with the JVM options it runs with (jvm.sh), against the embedded store in memory run as a
# JVM of its own (as production's store is another machine: in the app's JVM, the store's classes
# would go into the cache and be loaded by every start for nothing), sends it the
# requests of a visit — health and limits, pictures made, polled, followed live, downloaded whole,
# in part and revalidated, an upload restyled, refusals of bad input and of unknown jobs, the
# operators' metrics — then stops it with SIGTERM. As it exits, the JVM writes what it loaded:
#   JDK 25+   app.aot      AOT cache (-XX:AOTCacheOutput): the classes loaded and linked, and the
#                          method profiles of the run, so the next start skips loading, linking
#                          and much of the profiling of the request path (JEP 483, 514, 515)
#   JDK 17–24 app-cds.jsa  AppCDS archive (-XX:ArchiveClassesAtExit): the classes loaded
# The file fits only the JVM that made it (same build, same options), which is why the image makes
# it in its runtime stage and `make` with the java the backends run with. A second start then uses
# it in strict mode (it would fail to start if the JVM refused the file) and waits for the first
# 200: a cache that would be silently ignored is never left behind.
#
#   train-cache.sh <app dir> [<options dir>]     e.g. train-cache.sh /app
#     <options dir>: where jvm.options and jvm-25.options are (default: the app dir, as in the image)
#   JAVA: the java to train for (default: java on the PATH); TRAIN_PORT: the app's port (the next one
#   is the store's; default 18080).
set -eu
app_dir=${1:?usage: train-cache.sh <app dir> [<options dir>]}
options_dir=$(cd "${2:-$app_dir}" && pwd)
app_dir=$(cd "$app_dir" && pwd)
java=${JAVA:-java}
port=${TRAIN_PORT:-18080}
here=$(cd "$(dirname "$0")" && pwd)
jvm() { "$here/jvm.sh" "$@"; }
cache=$(jvm cache "$java" "$app_dir")
release=$(jvm release "$java")
if [ "$release" -ge 25 ]; then
  record="-XX:AOTCacheOutput=$cache"; strict="-XX:AOTMode=on"
else
  record="-XX:ArchiveClassesAtExit=$cache"; strict="-Xshare:on"
fi
base="http://127.0.0.1:$port"
key=train-cache-internal-key
rm -f "$cache"

cd "$app_dir"
# the store: the embedded store module's own main, from the app's libraries
AIART_STORE_PORT=$((port + 1)) AIART_STORE_DATA=memory "$java" -Xmx256m -cp "$app_dir/lib/main/*" ai.aiart.store.EmbeddedStoreMain &
store_pid=$!
trap 'kill "$store_pid" 2>/dev/null || true' EXIT

start() { # JVM options…: starts the app in the background as the deployed one runs
  # shellcheck disable=SC2046 # one option a line
  QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
  AIART_STORE_EMBEDDED_ENABLED=false QUARKUS_MONGODB_CONNECTION_STRING="mongodb://127.0.0.1:$((port + 1))" \
  AIART_INSTANCE=cache-training MALLOC_ARENA_MAX=2 AIART_IP_HASH_KEY=cache-training-run-key-not-for-production \
  AIART_INTERNAL_API_KEY=$key AIART_DATA_KEY="training:$(head -c 32 /dev/urandom | base64 | tr -d '\n')" \
    "$java" $(jvm options "$java" "$options_dir") -XX:MaxRAM=512m "$@" -jar "$app_dir/quarkus-run.jar" &
  pid=$!
}
await() { # <path>: until it answers 200 (3 minutes at most)
  i=0
  while [ $i -lt 900 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "train-cache: the app exited during start-up" >&2; return 1; fi
    if curl -fsS -o /dev/null --max-time 2 "$base$1" 2>/dev/null; then return 0; fi
    sleep 0.2
    i=$((i + 1))
  done
  echo "train-cache: the app did not answer $1" >&2
  return 1
}
job_id() { sed -n 's/.*"id":"\([^"]*\)".*/\1/p'; }
finish() { # <job id>: polls until the job has ended
  n=0
  while [ $n -lt 120 ]; do
    case $(curl -fsS "$base/api/v1/jobs/$1") in *'"status":"succeeded"'* | *'"status":"failed"'* | *'"status":"canceled"'*) return 0 ;; esac
    sleep 0.25
    n=$((n + 1))
  done
}
get() { curl -sS -o /dev/null --max-time 10 "$@" || true; }

start "$record"
await /q/health/ready || { kill -9 "$pid" 2>/dev/null; exit 1; }
for path in /q/health/live /q/health/ready /q/health/started /api/v1/health /api/v1/limits /api/v1/client-address \
  /api/v1/jobs/no-such-job /api/v1/no-such-path; do
  get "$base$path"
done
get -H "X-Internal-Key: $key" "$base/q/metrics"
get -X POST -H 'Content-Type: application/json' -d '{"prompt":""}' "$base/api/v1/generate/text-to-image"
get -X POST -H 'Content-Type: application/json' -d '{not json' "$base/api/v1/generate/text-to-image"
first=$(curl -sS -X POST -H 'Content-Type: application/json' -H 'Idempotency-Key: training-first-picture' \
  -d '{"prompt":"a lighthouse on a cliff at dusk, waves below","aspect_ratio":"16:9"}' "$base/api/v1/generate/text-to-image" | job_id)
get -X POST -H 'Content-Type: application/json' -H 'Idempotency-Key: training-first-picture' \
  -d '{"prompt":"a lighthouse on a cliff at dusk, waves below","aspect_ratio":"16:9"}' "$base/api/v1/generate/text-to-image"
second=$(curl -sS -X POST -H 'Content-Type: application/json' \
  -d '{"prompt":"a fox in a snowy forest","negative_prompt":"blur","style":"watercolor","seed":7}' "$base/api/v1/generate/text-to-image" | job_id)
get --max-time 3 "$base/api/v1/jobs/$second/events"
for job in $first $second; do
  finish "$job"
  get "$base/api/v1/jobs/$job"
done
if [ -n "$first" ]; then
  curl -sS -o "$app_dir/.training-picture" --max-time 10 "$base/api/v1/jobs/$first/result" || true
  get -H 'Range: bytes=0-1023' "$base/api/v1/jobs/$first/result"
  get -H "If-None-Match: \"$first\"" "$base/api/v1/jobs/$first/result"
  if [ -s "$app_dir/.training-picture" ]; then
    edit=$(curl -sS -X POST -F "image=@$app_dir/.training-picture;type=image/jpeg" -F 'prompt=the same at night' \
      "$base/api/v1/generate/image-to-image" | job_id)
    [ -z "$edit" ] || { finish "$edit"; get "$base/api/v1/jobs/$edit/result"; }
  fi
  rm -f "$app_dir/.training-picture"
fi
get -X DELETE "$base/api/v1/jobs/no-such-job"
kill -TERM "$pid"
wait "$pid" || true
[ -s "$cache" ] || { echo "train-cache: no cache written" >&2; exit 1; }

# the proof that this JVM takes the file: a start that fails if it refuses it
started=$(date +%s%N)
start "$strict"
if ! await /api/v1/health; then
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$cache"
  echo "train-cache: the JVM refused the cache it made; removed" >&2
  exit 1
fi
ms=$((($(date +%s%N) - started) / 1000000))
kill -TERM "$pid"
wait "$pid" || true
echo "train-cache: wrote $cache ($(du -h "$cache" | cut -f1)); a start with it answered in $ms ms"
