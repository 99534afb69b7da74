// Holds every deployment file against the code: the image runs what Maven builds, ports agree,
// health checks probe endpoints the backend serves, every environment variable a file sets is
// one the backend (or the site) reads, secrets stay out of files, shutdown windows exceed the
// backend's graceful shutdown, and the Docker build context holds what the Dockerfile copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, readdirSync, mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import YAML from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { REPO_ROOT, backendEnvNames, servedPaths, propertyValue, resourcePaths } from '../lib/config-keys.mjs';
import { FILE_FIXED, CLIENT_ADDRESS, TARGETS, desiredEnv } from '../lib/targets.mjs';
import { RAILWAY_SERVICE_SETTINGS } from '../lib/railway-settings.mjs';
import { isSecretName, parseEnvFile } from '../lib/env.mjs';
import { SITE_KEYS as FRONTEND_KEYS } from '../lib/site-keys.mjs';
import { parseDockerfile, copyArgs, envArgs, dockerignore } from '../test-support/dockerfile.mjs';

const read = (f) => readFileSync(path.join(REPO_ROOT, f), 'utf8');
const dockerfile = parseDockerfile(read('Dockerfile'));
const compose = YAML.parse(read('docker-compose.yml'), { merge: true });
const renderYaml = YAML.parse(read('render.yaml'));
const flyToml = parseToml(read('fly.toml'));
const railwayToml = parseToml(read('railway.toml'));
const entrypoint = read('deploy/docker/entrypoint.sh');
const optionLines = (f) => read(f).split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
const jvmOptions = optionLines('deploy/docker/jvm.options');
const trainCache = read('deploy/docker/train-cache.sh');

const stage = (name) => {
  const s = dockerfile.stages.find((x) => x.name === name);
  assert.ok(s, `Dockerfile stage ${name}`);
  return s;
};
const runtime = stage('runtime');
const ins = (s, cmd) => s.instructions.filter((i) => i.cmd === cmd);
const renderBackend = renderYaml.services.find((s) => s.runtime === 'docker');
const renderSite = renderYaml.services.find((s) => s.runtime === 'static');
const backendNames = backendEnvNames();
const shutdownSeconds = seconds(propertyValue('quarkus.shutdown.timeout'));

function seconds(v) {
  if (typeof v === 'number') return v;
  const m = String(v).match(/^(\d+)\s*(ms|s|m)?$/);
  assert.ok(m, `a duration: ${v}`);
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60 }[m[2] ?? 's']);
}

/** Environment variables the image itself understands (entrypoint.sh / the JVM launcher). */
const IMAGE_ENV = new Set(['PORT', 'JAVA_OPTS_APPEND', 'MALLOC_ARENA_MAX', 'AOT_CACHE']);
/** …and the site container / static host. */
const SITE_ENV = new Set([...Object.keys(FRONTEND_KEYS), 'PORT', 'HOST', 'NODE_VERSION']);

test('every platform file builds the one Dockerfile, whose last stage is the backend', () => {
  assert.equal(railwayToml.build.builder, 'DOCKERFILE');
  assert.equal(railwayToml.build.dockerfilePath, 'Dockerfile');
  assert.equal(renderBackend.dockerfilePath, './Dockerfile');
  assert.equal(renderBackend.dockerContext, '.');
  assert.equal(flyToml.build.dockerfile, 'Dockerfile');
  for (const svc of ['primary', 'fallback', 'site']) {
    assert.equal(compose.services[svc].build.dockerfile, 'Dockerfile', svc);
    assert.equal(compose.services[svc].build.context, '.', svc);
    assert.ok(dockerfile.stages.some((s) => s.name === compose.services[svc].build.target), `${svc}: target ${compose.services[svc].build.target} is a stage`);
  }
  // platforms build without a target: the last stage must be the backend
  assert.equal(dockerfile.stages.at(-1).name, 'runtime');
  assert.equal(compose.services.primary.build.target, 'runtime');
  assert.equal(compose.services.site.build.target, 'site');
});

test('the image runs the jar that the Maven build writes to backend/target/quarkus-app', () => {
  const build = stage('build');
  const workdir = ins(build, 'WORKDIR').at(-1).args;
  assert.ok(ins(build, 'RUN').some((r) => /\.\/mvnw\b.*\bpackage\b/.test(r.args) && /-DskipTests/.test(r.args)), 'the build stage packages with the wrapper');
  const fromBuild = ins(runtime, 'COPY').map((c) => copyArgs(c.args)).filter((c) => c.from === 'build');
  const out = `${workdir}/backend/target/quarkus-app/`;
  const copied = fromBuild.flatMap((c) => c.sources.map((s) => {
    assert.ok(s.startsWith(out), `${s} comes from ${out}`);
    return s.slice(out.length).replace(/\/$/, '');
  }));
  // exactly the aot-jar layout (when built here, the real folder; else Quarkus's fixed layout)
  const built = path.join(REPO_ROOT, 'backend', 'target', 'quarkus-app');
  const layout = existsSync(built)
    // app.aot*, app-cds.jsa, .training-*: the local build's start-up cache and its training's files (Makefile,
    // backend-cache, which may be training while this runs); the image trains its own
    ? readdirSync(built).filter((f) => !f.endsWith('.txt') && f !== 'data' && !/^(app\.aot|app-cds\.jsa|\.training-)/.test(f))
    : ['app', 'lib', 'quarkus', 'quarkus-run.jar'];
  assert.deepEqual([...copied].sort(), [...layout].sort());
  // what the Makefile and run.sh start is the same artefact, packaged for the start-up cache, without OpenAPI
  assert.match(read('Makefile'), /^BACKEND_JAR := backend\/target\/quarkus-app\/quarkus-run\.jar$/m);
  assert.match(read('backend/src/main/resources/application.properties'), /^quarkus\.package\.jar\.type=aot-jar$/m);
  assert.ok(ins(stage('build'), 'RUN').some((r) => /\bpackage\b/.test(r.args) && /-Daiart\.lean\b/.test(r.args)), 'the image packages -Daiart.lean');
  assert.match(read('Makefile'), /-DskipTests -Daiart\.lean package/);
  // the entrypoint starts it from where it was copied, with the options and cache jvm.sh gives
  const appDir = ins(runtime, 'WORKDIR').at(-1).args;
  assert.ok(fromBuild.some((c) => c.dest === `${appDir}/` && c.sources.some((s) => s.endsWith('/quarkus-run.jar'))));
  assert.match(entrypoint, new RegExp(`options=\\$\\(${appDir}/jvm\\.sh options java ${appDir} `));
  assert.match(entrypoint, new RegExp(`exec java \\$options .* -jar ${appDir}/quarkus-run\\.jar`));
  assert.deepEqual(JSON.parse(ins(runtime, 'ENTRYPOINT').at(-1).args), [`${appDir}/entrypoint.sh`]);
  const local = ins(runtime, 'COPY').map((c) => copyArgs(c.args)).find((c) => !c.from);
  assert.deepEqual(local.sources.sort(), ['deploy/docker/entrypoint.sh', 'deploy/docker/jvm-25.options', 'deploy/docker/jvm.options',
    'deploy/docker/jvm.sh', 'deploy/docker/train-cache.sh']);
});

test('ports agree: the image, its entrypoint, compose, Render and Fly all use 8080 inside the container', () => {
  const env = Object.assign({}, ...ins(runtime, 'ENV').map((e) => envArgs(e.args)));
  assert.equal(env.PORT, '8080');
  assert.deepEqual(ins(runtime, 'EXPOSE').map((e) => e.args), ['8080']);
  assert.match(entrypoint, /export QUARKUS_HTTP_PORT="\$\{PORT:-\$\{QUARKUS_HTTP_PORT:-8080\}\}"/);
  assert.match(ins(runtime, 'HEALTHCHECK')[0].args, /127\.0\.0\.1:\$\{PORT:-8080\}\//);
  for (const svc of ['primary', 'fallback']) {
    const s = compose.services[svc];
    assert.equal(s.environment.PORT, '8080', svc);
    assert.ok(s.ports.every((p) => p.endsWith(':8080')), `${svc} publishes the container's 8080`);
    assert.match(s.healthcheck.test.join(' '), /127\.0\.0\.1:8080\//);
  }
  const site = stage('site');
  assert.equal(envArgs(ins(site, 'ENV')[0].args).PORT, '8080');
  assert.deepEqual(ins(site, 'EXPOSE').map((e) => e.args), ['8080']);
  assert.equal(compose.services.site.environment.PORT, '8080');
  assert.deepEqual(compose.services.site.ports, ['8080:8080']);
  assert.equal(renderBackend.envVars.find((e) => e.key === 'PORT').value, '8080');
  assert.equal(flyToml.http_service.internal_port, 8080);
  assert.equal(flyToml.env.PORT, '8080');
  assert.equal(flyToml.checks.alive.port, 8080);
  // the browser reaches the backends on the ports compose publishes
  const published = (svc) => compose.services[svc].ports[0].split(':')[0];
  assert.equal(compose.services.site.environment.AIART_PRIMARY_URL, `http://localhost:${published('primary')}`);
  assert.equal(compose.services.site.environment.AIART_FALLBACK_URL, `http://localhost:${published('fallback')}`);
});

test('health checks probe endpoints the backend serves: readiness where checked at deploys only, started where checked all the time, liveness for restarts', () => {
  const served = servedPaths();
  assert.ok(resourcePaths().has('/api/v1/health'), 'the @Path scan finds the health resource');
  const probes = [
    ['Dockerfile HEALTHCHECK', ins(runtime, 'HEALTHCHECK')[0].args.match(/https?:\/\/[^/]+(\/[^"'\s]*)/)[1], '/q/health/live'],
    // Railway checks only at deploy time: readiness (up and reaching the store)
    ['railway settings healthcheckPath', RAILWAY_SERVICE_SETTINGS.healthcheckPath, '/q/health/ready'],
    ['railway.toml healthcheckPath', railwayToml.deploy.healthcheckPath, '/q/health/ready'],
    // Render and Fly check all the time: reached the store once since start, whatever it does now
    ['render.yaml healthCheckPath', renderBackend.healthCheckPath, '/q/health/started'],
    ['fly.toml http_service.checks', flyToml.http_service.checks[0].path, '/q/health/started'],
    ['fly.toml checks.alive', flyToml.checks.alive.path, '/q/health/live'],
    ['compose primary', compose.services.primary.healthcheck.test.join(' ').match(/8080(\/\S*)/)[1], '/q/health/ready'],
    ['compose fallback', compose.services.fallback.healthcheck.test.join(' ').match(/8080(\/\S*)/)[1], '/q/health/ready'],
  ];
  for (const [where, probe, expected] of probes) {
    assert.ok(served.has(probe), `${where}: ${probe} is served by the backend`);
    assert.equal(probe, expected, where);
  }
  // the paths the tool's `health` polls and the cache's training requests exist too (but those it asks
  // for to be refused, no-such-…)
  for (const p of ['/q/health/ready', '/api/v1/health']) assert.ok(served.has(p));
  const trained = [...trainCache.match(/for path in ([^;]+);/)[1].replace(/\\\n/g, ' ').trim().split(/\s+/),
    ...[...trainCache.matchAll(/"\$base(\/[a-z0-9/_-]+)"/g)].map((m) => m[1])].filter((p) => !p.includes('no-such'));
  assert.ok(trained.includes('/api/v1/generate/text-to-image') && trained.includes('/api/v1/generate/image-to-image'), trained.join(' '));
  for (const p of trained) {
    assert.ok(served.has(p) || p === '/q/metrics', `train-cache requests ${p}`);
  }
});

test('every environment variable a file gives a backend is one the backend reads', () => {
  const assertReads = (where, names) => {
    for (const name of names) {
      assert.ok(backendNames.has(name) || IMAGE_ENV.has(name), `${where}: ${name} is not a setting of the backend (its @ConfigMapping interfaces, application.properties) nor of the image`);
    }
  };
  assertReads('Dockerfile ENV', Object.keys(Object.assign({}, ...ins(runtime, 'ENV').map((e) => envArgs(e.args)))));
  assertReads('compose primary', Object.keys(compose.services.primary.environment));
  assertReads('compose fallback', Object.keys(compose.services.fallback.environment));
  assertReads('render.yaml aiart-fallback', renderBackend.envVars.map((e) => e.key));
  assertReads('fly.toml [env]', Object.keys(flyToml.env));
  assertReads('entrypoint.sh', [...entrypoint.matchAll(/\$\{?([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
  // the training's store runs store/EmbeddedStoreMain, which reads settings of its own
  const storeMainNames = new Set([...read('store/src/main/java/ai/aiart/store/EmbeddedStoreMain.java').matchAll(/env\("(AIART_[A-Z0-9_]+)"/g)].map((m) => m[1]));
  assert.ok(storeMainNames.has('AIART_STORE_PORT'));
  assertReads('train-cache.sh', [...trainCache.matchAll(/\b((?:AIART|QUARKUS)_[A-Z0-9_]+)=/g)].map((m) => m[1]).filter((n) => !storeMainNames.has(n)));
  for (const name of [...Object.keys(compose.services.site.environment), ...renderSite.envVars.map((e) => e.key)]) {
    assert.ok(SITE_ENV.has(name), `the static site reads no ${name} (frontend/scripts/config.mjs)`);
  }
  // what the tool pushes, for the example settings, is read too
  const example = parseEnvFile(read('deploy/aiart.env.example')).vars;
  const filled = { ...Object.fromEntries(Object.entries(example).filter(([, v]) => v)), QUARKUS_MONGODB_CONNECTION_STRING: 'x', AIART_IP_HASH_KEY: 'x', AIART_PROVIDERS_GEMINI_API_KEY: 'x' };
  for (const target of ['railway', 'render-backend', 'fly']) assertReads(`aiart-deploy → ${target}`, Object.keys(desiredEnv(target, filled, { backendNames, frontendKeys: FRONTEND_KEYS })));
  for (const name of Object.keys(desiredEnv('render-site', filled, { backendNames, frontendKeys: FRONTEND_KEYS }))) assert.ok(SITE_ENV.has(name));
  // and the names docs/DEPLOY.md tells operators to set
  const documented = new Set([...read('docs/DEPLOY.md').matchAll(/\b((?:AIART|QUARKUS)_[A-Z0-9_]*[A-Z0-9])(?![A-Z0-9_…<*])/g)].map((m) => m[1]));
  const tooling = new Set(['AIART_SITE_PORT', 'AIART_PRIMARY_PORT', 'AIART_FALLBACK_PORT', 'AIART_STORE_PORT', 'AIART_STORE_DATA', // scripts/run.sh
    'AIART_BACKEND_JAVA']); // scripts/backend-java.sh
  assert.match(read('scripts/backend-java.sh'), /\$\{AIART_BACKEND_JAVA:-\}/);
  for (const name of documented) {
    assert.ok(backendNames.has(name) || SITE_ENV.has(name) || tooling.has(name), `docs/DEPLOY.md names ${name}, which nothing reads`);
  }
});

test('what aiart-deploy leaves to the platform files is exactly what the files fix', () => {
  const fixed = (svc) => Object.fromEntries(svc.envVars.filter((e) => e.value !== undefined).map((e) => [e.key, String(e.value)]));
  assert.deepEqual(fixed(renderBackend), FILE_FIXED['render-backend']);
  assert.deepEqual(fixed(renderSite), FILE_FIXED['render-site']);
  assert.deepEqual({ ...flyToml.env }, FILE_FIXED.fly);
  assert.equal(railwayToml.variables, undefined, 'railway.toml holds no variables');
  // every variable the tool pushes to Render is declared in render.yaml (so the Blueprint knows it)
  const example = parseEnvFile(read('deploy/aiart.env.example')).vars;
  const all = { ...example, QUARKUS_MONGODB_CONNECTION_STRING: 'x', AIART_IP_HASH_KEY: 'x', AIART_ALERTS_WEBHOOK_URL: 'x', AIART_PROVIDERS_STABILITY_API_KEY: 'x', AIART_PROVIDERS_DASHSCOPE_API_KEY: 'x', AIART_PROVIDERS_GEMINI_API_KEY: 'x' };
  const declared = (svc) => new Set(svc.envVars.map((e) => e.key));
  for (const name of Object.keys(desiredEnv('render-backend', all, { backendNames, frontendKeys: FRONTEND_KEYS }))) assert.ok(declared(renderBackend).has(name), `render.yaml declares ${name}`);
  for (const name of Object.keys(desiredEnv('render-site', all, { backendNames, frontendKeys: FRONTEND_KEYS }))) assert.ok(declared(renderSite).has(name), `render.yaml declares ${name}`);
  assert.equal(renderBackend.envVars.find((e) => e.key === 'AIART_INSTANCE').value, 'fallback');
  // the visitor's address: each platform's header, and its own hop count as the fallback
  assert.equal(renderBackend.envVars.find((e) => e.key === 'AIART_CLIENT_IP_HEADER').value, CLIENT_ADDRESS.render.AIART_CLIENT_IP_HEADER);
  assert.equal(flyToml.env.AIART_CLIENT_IP_HEADER, CLIENT_ADDRESS.fly.AIART_CLIENT_IP_HEADER);
  assert.deepEqual(
    Object.fromEntries(Object.keys(CLIENT_ADDRESS.railway).map((k) => [k, TARGETS.railway.defaults[k]])), CLIENT_ADDRESS.railway);
  for (const values of Object.values(CLIENT_ADDRESS)) assert.ok(Number(values.AIART_TRUSTED_PROXIES) >= 2, 'one hop is a proxy\'s address on every platform');
  for (const name of Object.keys(CLIENT_ADDRESS.railway)) assert.match(read('railway.toml'), new RegExp(`${name}=${TARGETS.railway.defaults[name]}\\b`), `railway.toml's header lists ${name}`);
});

test('railway.toml says what `sync` applies to the Railway service: the same settings, the same region', () => {
  const fromToml = { ...railwayToml.build, ...railwayToml.deploy };
  delete fromToml.builder; // config-as-code vocabulary; the API's Builder enum has no DOCKERFILE
  const regions = fromToml.multiRegionConfig;
  delete fromToml.multiRegionConfig;
  const { region, ...settings } = RAILWAY_SERVICE_SETTINGS;
  assert.deepEqual(fromToml, { ...settings, watchPatterns: [...settings.watchPatterns] });
  assert.deepEqual(JSON.parse(JSON.stringify(regions)), { [region]: { numReplicas: 1 } });
  assert.match(read('railway.toml'), /no longer reads this file[\s\S]*2026-12-01[\s\S]*aiart-deploy\.mjs sync/);
});

test('one region: Render\'s backend in Frankfurt (its site has none), Fly in fra, Railway in its EU region', () => {
  assert.equal(renderBackend.region, 'frankfurt');
  assert.equal(renderSite.region, undefined, 'a static site is served from Render\'s CDN and takes no region');
  assert.equal(flyToml.primary_region, 'fra');
  assert.equal(RAILWAY_SERVICE_SETTINGS.region, 'europe-west4-drams3a'); // Amsterdam: Railway has no Frankfurt
  assert.match(read('docs/DEPLOY.md'), /region cannot be changed/);
});

test('secrets are never in a file: only sync:false on Render, ${…} in compose, nothing in fly.toml or the image', () => {
  for (const svc of renderYaml.services) {
    for (const e of svc.envVars ?? []) {
      if (isSecretName(e.key) || ['AIART_CORS_ORIGINS', 'AIART_PEERS_URLS', 'AIART_PRIMARY_URL', 'AIART_FALLBACK_URL'].includes(e.key)) {
        assert.equal(e.sync, false, `render.yaml ${svc.name}: ${e.key} is sync: false`);
        assert.equal(e.value, undefined, `render.yaml ${svc.name}: ${e.key} has no value`);
      }
    }
  }
  for (const name of Object.keys(flyToml.env)) assert.ok(!isSecretName(name), `fly.toml [env] ${name}`);
  for (const svc of ['primary', 'fallback']) {
    for (const [name, value] of Object.entries(compose.services[svc].environment)) {
      if (name === 'QUARKUS_MONGODB_CONNECTION_STRING') assert.doesNotMatch(String(value), /@/, `compose ${svc}: the local mongo needs no credentials`);
      else if (isSecretName(name)) assert.match(String(value), /^\$\{[A-Z0-9_]+(:[-?][^}]*)?\}$/, `compose ${svc}: ${name} comes from the environment`);
    }
  }
  assert.match(compose.services.primary.environment.AIART_IP_HASH_KEY, /^\$\{AIART_IP_HASH_KEY:\?/, 'compose refuses to start without a key');
  for (const e of dockerfile.stages.flatMap((s) => ins(s, 'ENV'))) {
    for (const name of Object.keys(envArgs(e.args))) assert.ok(!isSecretName(name), `Dockerfile ENV ${name}`);
  }
});

test('shutdown windows leave the backend its graceful shutdown (handing jobs back to the queue)', () => {
  assert.ok(shutdownSeconds > 0);
  assert.equal(flyToml.kill_signal, 'SIGTERM');
  assert.ok(seconds(flyToml.kill_timeout.replace?.(/s$/, '') ?? flyToml.kill_timeout) > shutdownSeconds, 'fly kill_timeout');
  assert.ok(Number(railwayToml.deploy.drainingSeconds) > shutdownSeconds, 'railway drainingSeconds');
  assert.ok(RAILWAY_SERVICE_SETTINGS.drainingSeconds > shutdownSeconds, 'railway drainingSeconds (sync)');
  for (const svc of ['primary', 'fallback']) assert.ok(seconds(compose.services[svc].stop_grace_period.replace(/s$/, '')) > shutdownSeconds, `compose ${svc}`);
  assert.deepEqual(ins(runtime, 'STOPSIGNAL').map((s) => s.args), ['SIGTERM']);
  assert.match(entrypoint, /^exec java /m, 'java replaces the shell, so it receives the signal');
});

test('the image is sized for 512 MB, runs as a non-root user and keeps no embedded store', () => {
  const user = ins(runtime, 'USER').at(-1).args;
  assert.match(user, /^\d+$/);
  assert.notEqual(user, '0');
  for (const flag of ['-XX:MaxRAMPercentage=30', '-XX:+UseSerialGC', '-Djava.awt.headless=true', '-XX:+ExitOnOutOfMemoryError']) {
    assert.ok(jvmOptions.includes(flag), `jvm.options has ${flag}`);
  }
  for (const prefix of ['-XX:MaxMetaspaceSize=', '-Xss', '-XX:ReservedCodeCacheSize=', '-XX:MaxDirectMemorySize=']) {
    assert.ok(jvmOptions.some((o) => o.startsWith(prefix)), `jvm.options bounds ${prefix}`);
  }
  // Java 25 builds and runs it, and the image trains its AOT cache (a build argument leaves it out)
  assert.equal(dockerfile.globalArgs.JDK_IMAGE, 'eclipse-temurin:25-jdk');
  assert.equal(dockerfile.globalArgs.JRE_IMAGE, 'eclipse-temurin:25-jre');
  assert.deepEqual(ins(runtime, 'ARG').map((a) => a.args), ['AOT_CACHE=true']);
  assert.ok(ins(runtime, 'RUN').some((r) => /if \[ "\$AOT_CACHE" = "true" \]; then\s+\/app\/train-cache\.sh \/app\b/.test(r.args)));
  assert.ok(optionLines('deploy/docker/jvm-25.options').includes('-XX:+UseCompactObjectHeaders'));
  assert.equal(Object.assign({}, ...ins(runtime, 'ENV').map((e) => envArgs(e.args))).AIART_STORE_EMBEDDED_ENABLED, 'false');
  assert.ok(backendNames.has('AIART_STORE_EMBEDDED_ENABLED'));
  assert.ok(compose.services.primary.mem_limit === '512m' && compose.services.fallback.mem_limit === '512m');
  assert.equal(flyToml.vm[0].memory, '512mb');
});

test('compose: a real mongo with a health check, two backends that know each other, the site after them', () => {
  const { mongo, primary, fallback, site } = compose.services;
  assert.match(mongo.image, /^mongo:7/);
  assert.match(mongo.healthcheck.test.join(' '), /mongosh .*ping/);
  for (const [name, svc, peer] of [['primary', primary, 'fallback'], ['fallback', fallback, 'primary']]) {
    assert.equal(svc.depends_on.mongo.condition, 'service_healthy', name);
    assert.equal(svc.environment.QUARKUS_MONGODB_CONNECTION_STRING, 'mongodb://mongo:27017', name);
    assert.equal(svc.environment.AIART_INSTANCE, name);
    assert.equal(svc.environment.AIART_PEERS_URLS, `http://${peer}:8080`, name);
    assert.match(svc.environment.AIART_CORS_ORIGINS, /http:\/\/localhost:8080/);
  }
  assert.equal(site.depends_on.primary.condition, 'service_healthy');
  assert.equal(site.depends_on.fallback.condition, 'service_healthy');
  assert.deepEqual(compose.services['firebase-auth'].profiles, ['auth'], 'the emulator is optional');
});

test('Fly: sleeping chosen knowingly for a backend whose queue is worked in the background', () => {
  const h = flyToml.http_service;
  assert.ok(['stop', 'suspend', 'off'].includes(h.auto_stop_machines));
  assert.equal(h.auto_start_machines, true);
  assert.equal(typeof h.min_machines_running, 'number');
  assert.match(read('docs/DEPLOY.md'), /auto_stop_machines/);
  assert.match(read('docs/DEPLOY.md'), /min_machines_running = 1/);
});

test('.dockerignore lets in every file the Dockerfile copies, and keeps out build output, data and secrets', () => {
  const excluded = dockerignore(read('.dockerignore'));
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const s of dockerfile.stages) {
    for (const c of ins(s, 'COPY').map((x) => copyArgs(x.args)).filter((x) => !x.from)) {
      const workdir = ins(s, 'WORKDIR')[0]?.args ?? '/';
      for (const src of c.sources) {
        // COPY in the site-build stage is relative to the context root like every other
        const rel = src.replace(/\/$/, '');
        const files = tracked.filter((f) => f === rel || f.startsWith(`${rel}/`));
        assert.ok(files.length > 0 || existsSync(path.join(REPO_ROOT, rel)), `${s.name}: COPY ${src} (workdir ${workdir}) exists`);
        const kept = files.filter((f) => !excluded(f));
        assert.ok(kept.length > 0, `${s.name}: COPY ${src} finds files in the build context`);
      }
    }
  }
  for (const needed of ['mvnw', 'pom.xml', '.mvn/wrapper/maven-wrapper.properties', 'store/pom.xml', 'store/src/main/java/ai/aiart/store/EmbeddedStore.java',
    'renderer/pom.xml', 'renderer/src/main/java/ai/aiart/renderer/OfflineRenderer.java', 'renderer/src/main/resources/ai/aiart/renderer/tags.txt',
    'backend/pom.xml', 'backend/src/main/resources/application.properties', 'frontend/package-lock.json', 'frontend/scripts/serve.mjs',
    'frontend/index.html', 'deploy/docker/jvm.options', 'deploy/docker/entrypoint.sh']) {
    assert.ok(!excluded(needed), `${needed} is in the build context`);
  }
  for (const kept of ['backend/target/quarkus-app/quarkus-run.jar', 'store/target/x.jar', 'frontend/node_modules/vite/package.json', 'frontend/dist/index.html',
    'data/aiart.mv.db', 'deploy/aiart.env', '.env', 'backend/src/test/java/X.java', 'deploy/node_modules/yaml/package.json', 'Makefile', 'docs/DEPLOY.md',
    'renderer/target/x.jar', 'renderer/src/test/java/X.java']) {
    assert.ok(excluded(kept), `${kept} stays out of the build context`);
  }
});

test('every Maven module the backend is built from reaches the image, and a change to it deploys the backend', () => {
  const modules = [...read('pom.xml').matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1]);
  assert.ok(modules.includes('store') && modules.includes('renderer') && modules.at(-1) === 'backend', modules.join(' '));
  const build = stage('build');
  const copied = ins(build, 'COPY').filter((c) => !copyArgs(c.args).from).flatMap((c) => copyArgs(c.args).sources);
  const run = ins(build, 'RUN').map((r) => r.args);
  const excluded = dockerignore(read('.dockerignore'));
  const renderPaths = renderBackend.buildFilter.paths;
  for (const m of modules.filter((x) => x !== 'backend')) {
    // copied whole and installed before the backend's dependencies are resolved (the backend depends on it)
    assert.ok(copied.includes(`${m}/`), `the build stage copies ${m}/`);
    const install = run.findIndex((r) => /\binstall\b/.test(r) && new RegExp(`-pl [^ ]*\\b${m}\\b`).test(r));
    const offline = run.findIndex((r) => /-pl backend dependency:go-offline/.test(r));
    assert.ok(install >= 0 && install <= offline, `${m} is installed before the backend's dependencies are resolved`);
    assert.ok(!excluded(`${m}/pom.xml`) && !excluded(`${m}/src/main/x`), `${m} is in the build context`);
    assert.ok(excluded(`${m}/src/test/x`) && excluded(`${m}/target/x`), `${m}'s tests and build output stay out`);
    assert.ok(RAILWAY_SERVICE_SETTINGS.watchPatterns.includes(`${m}/**`), `a change to ${m}/ deploys the Railway backend`);
    assert.ok(renderPaths.includes(`${m}/**`), `a change to ${m}/ deploys the Render backend`);
  }
  // and what builds the backend locally builds (and tests) every module
  const makefile = read('Makefile');
  for (const m of modules) {
    assert.match(makefile, new RegExp(`^JAVA_SOURCES := .*\\b${m}/src/main\\b.*\\b${m}/pom\\.xml`, 'm'), `JAVA_SOURCES names ${m}`);
  }
  assert.match(makefile, new RegExp(`-pl ${modules.join(',')} test-compile jar:jar surefire:test`), 'the unit tests of every module');
});

test('one supported Node major everywhere it is named; the test scripts run on Node 20 and on 22 or newer', () => {
  // Node 20 reached its end of life on 2026-04-30 (docs/DEPLOY.md, "Sources")
  const major = FILE_FIXED['render-site'].NODE_VERSION;
  assert.ok(Number(major) >= 22 && Number(major) % 2 === 0, `an LTS line still supported: ${major}`);
  assert.equal(renderSite.envVars.find((e) => e.key === 'NODE_VERSION').value, major);
  assert.match(read('Dockerfile'), new RegExp(`^ARG NODE_IMAGE=node:${major}-alpine$`, 'm'));
  for (const [name, svc] of Object.entries(compose.services)) {
    if (/^node:/.test(svc.image ?? '')) assert.equal(svc.image, `node:${major}-alpine`, `compose ${name}`);
  }
  // `node --test <dir>` finds nothing on Node ≥ 21 (MODULE_NOT_FOUND), and Node 20 expands no glob
  // itself: the shell expands a one-level glob, which every Node takes as a list of files
  for (const dir of ['deploy', 'frontend']) {
    const script = JSON.parse(read(`${dir}/package.json`)).scripts.test;
    assert.match(script, /^node --test test\/\*\.test\.m?js$/, `${dir}/package.json test script: ${script}`);
  }
});

test('jvm.sh: each Java release gets the options files for it and only a start-up cache it made; backend-java.sh picks JDK 25', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jvm-sh-'));
  try {
    const jdk = (name, version) => { // a JDK as jvm.sh sees one: bin/java and the release file
      const home = path.join(dir, name);
      mkdirSync(path.join(home, 'bin'), { recursive: true });
      writeFileSync(path.join(home, 'release'), `IMPLEMENTOR="test"\nJAVA_VERSION="${version}"\n`);
      const java = path.join(home, 'bin', 'java');
      writeFileSync(java, '#!/bin/sh\nexit 1\n');
      chmodSync(java, 0o755);
      return java;
    };
    const java17 = jdk('jdk-17', '17.0.15');
    const java25 = jdk('jdk-25', '25.0.3');
    const app = path.join(dir, 'app');
    mkdirSync(app);
    const optionsDir = path.join(REPO_ROOT, 'deploy', 'docker');
    const run = (script, args, env = {}) => execFileSync('sh', [path.join(REPO_ROOT, script), ...args],
      { encoding: 'utf8', env: { ...process.env, ...env } }).split('\n').filter(Boolean);
    const jvmSh = (...args) => run('deploy/docker/jvm.sh', args);
    const jvm25 = optionLines('deploy/docker/jvm-25.options');

    assert.deepEqual(jvmSh('release', java17), ['17']);
    assert.deepEqual(jvmSh('release', java25), ['25']);
    assert.deepEqual(jvmSh('options', java17, optionsDir, app), jvmOptions);
    assert.deepEqual(jvmSh('options', java25, optionsDir, app), [...jvmOptions, ...jvm25]);
    // JDK 25's cache, for 25 only
    writeFileSync(path.join(app, 'app.aot'), 'cache');
    assert.deepEqual(jvmSh('options', java25, optionsDir, app), [...jvmOptions, ...jvm25, `-XX:AOTCache=${app}/app.aot`]);
    assert.deepEqual(jvmSh('options', java17, optionsDir, app), jvmOptions);
    assert.deepEqual(jvmSh('options', java25, optionsDir), [...jvmOptions, ...jvm25], 'no app dir, no cache');
    // the AppCDS archive, for 17
    writeFileSync(path.join(app, 'app-cds.jsa'), 'archive');
    assert.deepEqual(jvmSh('options', java17, optionsDir, app), [...jvmOptions, `-XX:SharedArchiveFile=${app}/app-cds.jsa`]);
    assert.deepEqual(jvmSh('cache', java17, app), [`${app}/app-cds.jsa`]);
    assert.deepEqual(jvmSh('cache', java25, app), [`${app}/app.aot`]);

    // the backends' java: AIART_BACKEND_JAVA as given, JAVA_HOME when it is 25 or later, never a JAVA_HOME of 17
    assert.deepEqual(run('scripts/backend-java.sh', [], { AIART_BACKEND_JAVA: java17 }), [java17]);
    assert.deepEqual(run('scripts/backend-java.sh', [], { AIART_BACKEND_JAVA: '', JAVA_HOME: path.dirname(path.dirname(java25)) }), [java25]);
    assert.notEqual(run('scripts/backend-java.sh', [], { AIART_BACKEND_JAVA: '', JAVA_HOME: path.dirname(path.dirname(java17)) })[0], java17);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
