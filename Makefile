# AiArt — the two commands: `make run` (the whole site) and `make test` (every test).
SHELL := /bin/bash
MVN := ./mvnw -B -ntp
BACKEND_JAR := backend/target/quarkus-app/quarkus-run.jar
# the java the backends run with here: JDK 25 or later when the machine has one, as in production (the
# Dockerfile), else the PATH's (scripts/backend-java.sh; AIART_BACKEND_JAVA=… chooses); exported to
# scripts/run.sh, the integration and end-to-end tests and the benchmark. The build always uses the PATH's.
BACKEND_JAVA := $(shell scripts/backend-java.sh)
export AIART_BACKEND_JAVA := $(BACKEND_JAVA)
# the start-up cache of that jar for that java (see its rule): app.aot from JDK 25 on, app-cds.jsa before
BACKEND_CACHE := $(shell deploy/docker/jvm.sh cache $(BACKEND_JAVA) backend/target/quarkus-app)
JAVA_SOURCES := $(shell find store/src/main renderer/src/main backend/src/main -type f 2>/dev/null) pom.xml store/pom.xml renderer/pom.xml backend/pom.xml
SITE_SOURCES := $(shell find frontend/src frontend/public frontend/scripts -type f 2>/dev/null) $(wildcard frontend/*.html) frontend/vite.config.js frontend/package.json

.PHONY: backend-cache run run-stubs demo-day soak bench audit test test-all test-backend test-backend-unit test-backend-it reliability-clean test-bench test-frontend test-deploy test-e2e measure-failover deploy-check deploy-sync deploy-health build backend frontend deps tools check-tools clean
TOOLS := tools/node_modules/.package-lock.json
# the upstream stand-ins (StubUpstreams, a backend test class) run from the test classpath
STUBS_CLASSPATH := backend/target/test-classpath.txt
BENCH_JAR := bench/target/aiart-bench.jar

## run: build what changed, then start store, auth emulator, primary, fallback and site; Ctrl-C stops all
run: build backend-cache tools
	@scripts/run.sh

## run-stubs: like run, with Stability, DashScope and Gemini configured against local stand-ins
run-stubs: build backend-cache tools $(STUBS_CLASSPATH)
	@scripts/run-stubs.sh

$(STUBS_CLASSPATH): $(JAVA_SOURCES) $(shell find backend/src/test -type f 2>/dev/null)
	$(MVN) -q -pl backend -am -DskipTests test-compile $(TEST_CLASSPATH_GOAL)
	@touch $@

## demo-day: fill the store of `make run` with a generated day of traffic for the dashboard (docs/OPERATIONS.md)
##   store: AIART_DEMO_MONGO (mongodb://127.0.0.1:27017); options: DEMO_ARGS="--seed=7 --hours=24 --visitors=450 --end=… --keep"
demo-day: check-tools $(STUBS_CLASSPATH)
	java -cp "backend/target/test-classes:backend/target/classes:$$(cat $(STUBS_CLASSPATH))" ai.aiart.demo.DemoDay $(DEMO_ARGS)

## bench: the benchmark (docs/PERFORMANCE.md): the real topology, upstreams stubbed at 2 s, the store behind a counting
##        proxy; the store-budget scenarios on the plain store, then held to a free cluster's 100 commands/s; ~25 min.
##        BENCH_QUICK=1: the same scenarios, small (results in .run/bench/). BENCH_STORE_OPS=N: the whole run held to N
##        store commands a second (0: nothing held). BENCH_ARGS: more options (bench/README.md)
bench: backend backend-cache $(STUBS_CLASSPATH) $(BENCH_JAR)
	java -jar $(BENCH_JAR) $(if $(BENCH_QUICK),--quick) $(if $(BENCH_STORE_OPS),--store-ops $(BENCH_STORE_OPS)) $(BENCH_ARGS)

$(BENCH_JAR): bench/pom.xml $(shell find bench/src/main -type f 2>/dev/null)
	$(MVN) -q -f bench/pom.xml -DskipTests package
	@touch $@

## audit: known-vulnerable npm packages and newer Maven/npm versions, as the registries say today (docs/OPERATIONS.md,
##        "Dependencies"); changes nothing, skips what it cannot reach, fails only for a high or critical advisory
audit: check-tools
	@scripts/audit.sh

## test: every test: backend (unit + integration), benchmark program, frontend, and end to end in headless Chromium.
##       The parts run side by side where they do not compete for the same files: the npm installs while Maven
##       compiles, the bench and deploy suites and the e2e tests while the backend's unit tests run (they share
##       only the packaged jar, which nothing rewrites meanwhile); once the e2e tests are over (they keep both
##       cores busy), the integration tests beside the rest of the unit tests, which by then leave about a core
##       idle; last, alone, the frontend's unit tests (aborts timed in milliseconds), but for its sign-in tests against the
##       Auth emulator, which run early, beside the rest.
##       -k: a failing part fails the run; the parts not ordered after it still run.
test: check-tools
	@$(MAKE) --no-print-directory -k -j 4 --output-sync=target test-all IT_AFTER=test-e2e \
	  FRONTEND_AFTER="test-backend-unit test-backend-it" PACKAGE_EXTRA="$(TEST_CLASSPATH_GOAL)" \
	  FRONTEND_TESTS="$(filter-out $(FRONTEND_EARLY),$(patsubst frontend/%,%,$(wildcard frontend/test/*.test.js)))"

# what the e2e demo test runs the traffic generator with; built with the jar under `make test`, so that the
# e2e tests start no Maven of their own while the unit tests' Maven runs
TEST_CLASSPATH_GOAL := dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test

test-all: test-backend test-e2e test-frontend test-frontend-early test-deploy test-bench

## test-bench: the benchmark program's own tests (table, verdicts, plots, HTTP and wire parsing, the throttle, the scenarios' counting, rates and schedule, the failover client's hedging); not the benchmark
test-bench: check-tools
	$(MVN) -f bench/pom.xml verify

## test-deploy: the deployment tool against local stand-ins of the platforms' APIs, and the deployment files against the code
##   (after the build: one test reads the packaged layout the image copies)
test-deploy: deploy/node_modules/.package-lock.json | backend
	cd deploy && npm test

deploy/node_modules/.package-lock.json: deploy/package-lock.json | check-tools
	npm ci --prefix deploy --no-audit --no-fund
	@touch $@

## test-backend: unit and integration tests; the reliability suites' tables go into docs/RELIABILITY.md
##   (`mvn verify` in two runs over the packaged jar and the test classes it compiled: the unit tests, and the
##   integration tests against the jar; alone, they run one after the other)
test-backend: test-backend-unit test-backend-it
	node --test scripts/reliability-report.test.mjs
	node scripts/reliability-report.mjs bad-input faults soak

# the reliability suites append to these files from both runs: emptied once, before either starts
reliability-clean:
	rm -rf backend/target/reliability/bad-input.jsonl backend/target/reliability/faults.jsonl backend/target/reliability/soak.jsonl

# jar:jar makes Maven take the store and renderer modules from this checkout, not from ~/.m2 (the jars are up
# to date, so neither run rewrites them); test-compile picks up changed tests (the jar's rule looks at main
# sources only). The renderer's own tests (renderer/README.md) run here too, before the backend's.
test-backend-unit: backend $(TOOLS) reliability-clean
	$(MVN) -pl store,renderer,backend test-compile jar:jar surefire:test

# IT_AFTER (set by `make test`): what must be over before the integration tests start. Alone (make
# test-backend), they follow the unit tests: their leases and failovers are timed.
# TEST_SOAK_SECONDS: the soak that runs with them, so that its table in docs/RELIABILITY.md is
# regenerated on every run (`make soak` is the long one).
TEST_SOAK_SECONDS ?= 60
test-backend-it: backend backend-cache $(TOOLS) reliability-clean | $(or $(IT_AFTER),test-backend-unit)
	AIART_SOAK_SECONDS=$(TEST_SOAK_SECONDS) $(MVN) -pl store,renderer,backend jar:jar failsafe:integration-test failsafe:verify

## soak: the long reliability run (fuzzed requests, repeated kills); ends by itself after SOAK_SECONDS (default 300)
SOAK_SECONDS ?= 300
soak: check-tools
	rm -f backend/target/reliability/soak.jsonl
	AIART_SOAK_SECONDS=$(SOAK_SECONDS) $(MVN) -pl backend -am verify -Daiart.lean -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test=SoakIT -Dfailsafe.failIfNoSpecifiedTests=false
	node scripts/reliability-report.mjs soak

# FRONTEND_AFTER (set by `make test`): what must be over before the frontend's unit tests start.
# FRONTEND_TESTS (set by `make test`): which of them; alone, all (`npm test`).
# the build first: pages.test.js checks what it puts in every page
test-frontend: frontend/node_modules/.package-lock.json frontend $(TOOLS) | $(FRONTEND_AFTER)
	cd frontend && $(if $(FRONTEND_TESTS),node --test $(FRONTEND_TESTS),npm test)

# Under `make test`, the sign-in tests against the real Auth emulator run early, beside the rest: the
# emulator takes most of their 15–20 s to start, and nothing in them is timed in milliseconds.
FRONTEND_EARLY := test/auth-emulator.test.js
test-frontend-early: frontend/node_modules/.package-lock.json $(TOOLS)
	cd frontend && node --test $(FRONTEND_EARLY)

## test-e2e: headless Chromium over the real topology (scripts/run.sh on free ports, temporary store)
test-e2e: build backend-cache deps tools
	scripts/e2e.sh

## measure-failover: failover timings with a dead and a hung primary (docs/FAILOVER.md)
measure-failover: build backend-cache deps
	scripts/install-chromium.sh
	cd frontend && npm run measure:failover

## deploy-check: which production settings are missing or malformed (deploy/aiart.env, docs/DEPLOY.md);
## CANARY=1 also asks the real services whether the configured models exist (calls the network)
deploy-check: check-tools
	node deploy/aiart-deploy.mjs check$(if $(CANARY), --canary)

## deploy-sync: push the production settings to Railway, Render and Fly.io (only changes)
deploy-sync: check-tools
	node deploy/aiart-deploy.mjs sync

## deploy-health: wait until the backends and the site answer healthy
deploy-health: check-tools
	node deploy/aiart-deploy.mjs health

build: backend frontend

backend: check-tools $(BACKEND_JAR)
frontend: frontend/dist/index.html

# PACKAGE_EXTRA: more goals for the same Maven run (`make test` adds the test classpath)
# -Daiart.lean: the jar as deployed, without the OpenAPI document (backend/pom.xml)
$(BACKEND_JAR): $(JAVA_SOURCES)
	$(MVN) -q -DskipTests -Daiart.lean package $(PACKAGE_EXTRA)
	@touch $@

# The jar's start-up cache (docs/PERFORMANCE.md, "Start-up"): trained as the image's is, by
# deploy/docker/train-cache.sh with the production JVM options, for the java the backends run with (an AOT
# cache on JDK 25, an AppCDS archive on 17); every later start of this jar with that java uses it
# (scripts/run.sh, so make run and the e2e tests, the integration tests' backends, make bench). Without it a
# backend starts as usual, only slower. The unit tests do not wait for it.
backend-cache: $(BACKEND_CACHE)
$(BACKEND_CACHE): $(BACKEND_JAR) $(wildcard deploy/docker/jvm*.options deploy/docker/jvm.sh deploy/docker/train-cache.sh)
	@rm -f $@; port=$$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"); \
	JAVA=$(BACKEND_JAVA) TRAIN_PORT=$$port deploy/docker/train-cache.sh "$(CURDIR)/backend/target/quarkus-app" "$(CURDIR)/deploy/docker" \
	  > backend/target/train-cache.log 2>&1 \
	  && echo "backend: $$(tail -1 backend/target/train-cache.log | sed 's/^train-cache: //') (java $$(deploy/docker/jvm.sh release $(BACKEND_JAVA)))" \
	  || { rm -f $@; echo "backend: no start-up cache (backend/target/train-cache.log); the backends start without it"; }

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(SITE_SOURCES)
	cd frontend && npm run build
	@touch $@

## tools: the Firebase Auth emulator (firebase-tools from npm), used by make run and the identity tests
tools: $(TOOLS)
# --omit=optional: the optional packages are the Hosting emulator's RE2 bindings (a C++ build of minutes
# on 2 cores when no prebuilt binary can be fetched), its build tools, and colours; the Auth emulator needs none
$(TOOLS): tools/package-lock.json | check-tools
	npm ci --prefix tools --no-audit --no-fund --omit=optional
	@touch $@

deps: frontend/node_modules/.package-lock.json
frontend/node_modules/.package-lock.json: frontend/package-lock.json | check-tools
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

check-tools:
	@command -v java >/dev/null || { echo "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)"; exit 1; }
	@java -version 2>&1 | awk -F'"' '/version/ { split($$2, v, "."); if (v[1] < 17) { print "Java 17 or newer is needed, found " $$2; exit 1 } }'
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20 or newer and npm are needed (apt-get install nodejs npm)"; exit 1; }

clean:
	$(MVN) -q clean
	$(MVN) -q -f bench/pom.xml clean
	rm -rf frontend/dist frontend/test-output .run
