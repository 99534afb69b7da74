# syntax=docker/dockerfile:1
# AiArt backend: JVM image of the Quarkus app, built from source (docs/DEPLOY.md).
# Used by every platform file (railway.toml, render.yaml, fly.toml, docker-compose.yml).
#
#   docker build -t aiart-backend .                 # the backend (the last stage)
#   docker build --target site -t aiart-site .      # the static site served by serve.mjs (compose)
#
# Stages: `build` compiles with Maven (the image needs no pre-built jar, so a platform can
# build straight from the repository); `site-build`/`site` are only for docker-compose;
# `runtime` (last, the default) is the small JRE image that runs the packaged app.

# Java 25 (LTS) runs the backend: its AOT cache, trained below, starts it in about half the time and
# CPU of Java 17 (docs/PERFORMANCE.md, "Start-up"). The code is compiled for 17 (release 17), which
# stays the floor for building and running it elsewhere.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre
# Node 24 LTS (to 2028-04-30), as render.yaml's NODE_VERSION; local builds may use Node 20 or newer.
ARG NODE_IMAGE=node:24-alpine

# ---------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /src
# 1. The build definition, the embedded-store module and the offline renderer's module (they
#    rarely change): resolve and cache every dependency in a layer of its own, so a code change
#    does not download them again (verified: the package step then builds offline).
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY store/ store/
COPY renderer/ renderer/
COPY backend/pom.xml backend/pom.xml
RUN ./mvnw -B -ntp -q -DskipTests -pl store,renderer -am install \
 && ./mvnw -B -ntp -q -pl backend dependency:go-offline quarkus:go-offline
# 2. The application: the Quarkus jar lands in backend/target/quarkus-app/ (aot-jar: every class on the
#    JDK's class path, so that the AOT cache holds them; -Daiart.lean: without the OpenAPI document).
COPY backend/src/ backend/src/
RUN ./mvnw -B -ntp -q -DskipTests -Daiart.lean package

# ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS site-build
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# The static site for docker-compose: serve.mjs writes /config.js from AIART_PRIMARY_URL and
# AIART_FALLBACK_URL on every request, as scripts/write-config.mjs does once on a static host.
FROM ${NODE_IMAGE} AS site
WORKDIR /site
COPY --from=site-build /frontend/dist/ dist/
COPY frontend/scripts/ scripts/
COPY frontend/package.json ./
ENV HOST=0.0.0.0 PORT=8080
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${PORT}/" || exit 1
CMD ["node", "scripts/serve.mjs", "--root", "dist"]

# ---------------------------------------------------------------------------------------
FROM ${JRE_IMAGE} AS runtime
# A system user without a shell; group 0 so any uid a platform assigns can still write /app.
RUN useradd --system --uid 10001 --gid 0 --home-dir /app --shell /usr/sbin/nologin aiart \
 && mkdir -p /app && chown 10001:0 /app && chmod 0775 /app
WORKDIR /app

# The fast-jar, most stable layer first (dependencies change less often than the app).
COPY --from=build --chown=10001:0 /src/backend/target/quarkus-app/lib/ /app/lib/
COPY --from=build --chown=10001:0 /src/backend/target/quarkus-app/quarkus-run.jar /app/
COPY --from=build --chown=10001:0 /src/backend/target/quarkus-app/app/ /app/app/
COPY --from=build --chown=10001:0 /src/backend/target/quarkus-app/quarkus/ /app/quarkus/
COPY --chown=10001:0 deploy/docker/jvm.options deploy/docker/jvm-25.options deploy/docker/jvm.sh \
     deploy/docker/entrypoint.sh deploy/docker/train-cache.sh /app/

USER 10001
# The start-up cache (JDK 25's AOT cache, /app/app.aot): the app started once here with the embedded
# store in memory and the requests of a visit, then stopped; the JVM keeps the classes it loaded and
# linked and the method profiles of the run, and a second start proves this JVM takes the file. Made
# here because it fits only this JVM with these options. About 30 s of build and 90 MB of image; a
# backend starts with it in about half the time and CPU (docs/DEPLOY.md, "Memory and start-up").
# --build-arg AOT_CACHE=false builds without it (the backend then starts without it, slower).
ARG AOT_CACHE=true
RUN if [ "$AOT_CACHE" = "true" ]; then \
      /app/train-cache.sh /app || echo "train-cache: no cache; the app will start without it"; \
    fi

# The platform's $PORT wins; 8080 otherwise (entrypoint.sh maps it to QUARKUS_HTTP_PORT).
# No embedded store in a deployed container: without QUARKUS_MONGODB_CONNECTION_STRING the
# backend would keep its data to itself, on a disk the platform wipes at every deploy. It
# stays unready instead, so the platform never switches to it. (Trying the image alone:
# docker run -e AIART_STORE_EMBEDDED_ENABLED=true -e AIART_IP_HASH_KEY=$(openssl rand -hex 32) -e AIART_DATA_KEY=k1:$(openssl rand -base64 32) -p 8080:8080 aiart-backend)
ENV PORT=8080 \
    AIART_STORE_EMBEDDED_ENABLED=false
EXPOSE 8080
# Liveness only: /q/health/live never depends on the store, so a database outage does not
# get every backend restarted. Deploy readiness (/q/health/ready) is the platforms' business.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT:-8080}/q/health/live" || exit 1
# SIGTERM: the backend hands the jobs it holds back to the queue (quarkus.shutdown.timeout=10s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/entrypoint.sh"]
