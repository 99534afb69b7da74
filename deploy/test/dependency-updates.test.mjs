// The dependency-update configuration (renovate.json) against the repository: it is valid JSON with
// the fields Renovate reads, its custom manager finds every base image the Dockerfile names (in ARG
// defaults, which Renovate's dockerfile manager and Dependabot do not read), every npm project it
// groups exists, and the Quarkus BOM stays pinned. `make audit` is the same question asked now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/config-keys.mjs';

const read = (f) => readFileSync(path.join(REPO_ROOT, f), 'utf8');
const config = JSON.parse(read('renovate.json'));
const regexOf = (slashed) => new RegExp(slashed.replace(/^\/(.*)\/$/, '$1'));

test('the custom manager finds every base image of the Dockerfile, with its tag', () => {
  const dockerfile = read('Dockerfile');
  const named = [...dockerfile.matchAll(/^ARG ([A-Z_]+_IMAGE)=(\S+)$/gm)].map((m) => m[2]);
  assert.ok(named.length >= 3, 'the Dockerfile names its JDK, JRE and Node images in ARGs');
  const manager = config.customManagers.find((m) => m.customType === 'regex');
  assert.ok(manager.managerFilePatterns.some((p) => regexOf(p).test('Dockerfile')));
  assert.equal(manager.datasourceTemplate, 'docker');
  const found = manager.matchStrings.flatMap((s) => [...dockerfile.matchAll(new RegExp(s, 'g'))])
    .map((m) => `${m.groups.depName}:${m.groups.currentValue}`);
  assert.deepEqual(found.sort(), [...named].sort());
  // every FROM uses one of them (or a stage of this file), so nothing escapes the updates
  for (const from of dockerfile.matchAll(/^FROM (\S+)/gm)) {
    assert.match(from[1], /^\$\{[A-Z_]+_IMAGE\}$/, `FROM ${from[1]}`);
  }
});

test('each npm group names a project that exists; the Quarkus BOM is left to a deliberate update', () => {
  for (const rule of config.packageRules.filter((r) => r.matchManagers?.includes('npm'))) {
    for (const glob of rule.matchFileNames) {
      const dir = glob.replace(/\/\*\*$/, '');
      assert.ok(existsSync(path.join(REPO_ROOT, dir, 'package-lock.json')), `${dir} is an npm project`);
    }
  }
  const quarkus = config.packageRules.find((r) => r.matchPackageNames?.some((p) => regexOf(p).test('io.quarkus:quarkus-bom')));
  assert.equal(quarkus?.enabled, false);
  assert.match(read('pom.xml'), /<quarkus\.platform\.version>3\.33\.2<\/quarkus\.platform\.version>|quarkus-bom[\s\S]*3\.33\.2/);
});
