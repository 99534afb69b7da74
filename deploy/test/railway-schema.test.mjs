// Every GraphQL operation the tool sends to Railway, validated against Railway's schema
// (test-support/railway-schema.graphql, extracted from the introspection result in Railway's
// CLI repository): unknown fields or arguments, wrong argument types and selections on scalars
// are what Railway would refuse. Railway's own API docs pages are not a reliable reference
// (they select { id status } on deploymentRollback, whose type is Boolean!).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, validate, Kind } from 'graphql';
import { RAILWAY_SCHEMA } from '../test-support/stubs.mjs';
import { QUERIES } from '../lib/platforms/railway.mjs';
import { RAILWAY_SERVICE_SETTINGS } from '../lib/railway-settings.mjs';

const errorsOf = (source) => validate(RAILWAY_SCHEMA, parse(source)).map((e) => e.message);

test('every query and mutation the tool sends is valid against Railway\'s schema', () => {
  assert.ok(Object.keys(QUERIES).length >= 7);
  for (const [name, source] of Object.entries(QUERIES)) {
    assert.deepEqual(errorsOf(source), [], `QUERIES.${name}`);
    // one named operation, as Railway logs and the stand-in's records show them
    const defs = parse(source).definitions;
    assert.equal(defs.length, 1, name);
    assert.equal(defs[0].kind, Kind.OPERATION_DEFINITION);
    assert.ok(defs[0].name?.value, `QUERIES.${name} is named`);
  }
});

test('the rollback Railway\'s docs page shows (and the tool once sent) is refused by the schema', () => {
  assert.deepEqual(errorsOf('mutation deploymentRollback($id: String!) {\n  deploymentRollback(id: $id) { id status }\n}'),
    ['Field "deploymentRollback" must not have a selection since type "Boolean!" has no subfields.']);
  // …and so is a deployments filter the docs page shows
  assert.match(errorsOf('query { deployments(input: { status: { successfulOnly: true } }) { edges { node { id } } } }').join(), /successfulOnly/);
});

test('the service settings are fields of ServiceInstanceUpdateInput and of ServiceInstance, with the types the values have', () => {
  const input = RAILWAY_SCHEMA.getType('ServiceInstanceUpdateInput').getFields();
  const readBack = RAILWAY_SCHEMA.getType('ServiceInstance').getFields();
  for (const [name, value] of Object.entries(RAILWAY_SERVICE_SETTINGS)) {
    assert.ok(input[name], `ServiceInstanceUpdateInput.${name}`);
    assert.ok(readBack[name], `ServiceInstance.${name}`);
    const expected = Array.isArray(value) ? '[String!]' : typeof value === 'number' ? 'Int' : name === 'restartPolicyType' ? 'RestartPolicyType' : 'String';
    assert.equal(String(input[name].type), expected, name);
  }
  assert.ok(RAILWAY_SCHEMA.getType('RestartPolicyType').getValue(RAILWAY_SERVICE_SETTINGS.restartPolicyType));
  // railway.toml's builder = "DOCKERFILE" is config-as-code vocabulary: the API's Builder has no such value
  assert.equal(RAILWAY_SCHEMA.getType('Builder').getValue('DOCKERFILE'), undefined);
  assert.equal('builder' in RAILWAY_SERVICE_SETTINGS, false);
});
