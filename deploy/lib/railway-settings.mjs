// The Railway service settings of the primary backend, applied by `aiart-deploy sync` through
// Railway's API (serviceInstanceUpdate; docs/DEPLOY.md §4.1). Railway no longer reads
// railway.toml for new services, and for no service since 2026-12-01, so this module is what
// the service gets; railway.toml keeps the same values for reading and for legacy services, and
// deploy/test/deployment-files.test.mjs holds the two equal. Names are those of Railway's
// ServiceInstanceUpdateInput (deploy/test-support/railway-schema.graphql). No `builder`: the
// API's Builder enum has no DOCKERFILE, and a service with a Dockerfile at dockerfilePath is
// built from it.

export const RAILWAY_SERVICE_SETTINGS = Object.freeze({
  dockerfilePath: 'Dockerfile',
  // only a change to the backend (or its image) deploys the backend again
  watchPatterns: Object.freeze(['backend/**', 'store/**', 'renderer/**', 'pom.xml', '.mvn/**', 'mvnw', 'Dockerfile', 'deploy/docker/**', 'railway.toml']),
  // checked at deploy time only (Railway does not monitor it afterwards): a new deployment takes
  // traffic once the app is up AND reaches the store, so a wrong connection string never
  // replaces a working deployment
  healthcheckPath: '/q/health/ready',
  healthcheckTimeout: 180,
  restartPolicyType: 'ON_FAILURE',
  restartPolicyMaxRetries: 10,
  // between SIGTERM and SIGKILL: the backend hands its running jobs back to the queue within
  // quarkus.shutdown.timeout (10 s)
  drainingSeconds: 20,
  // old and new deployment overlap briefly; both may run workers, the queue's leases make that safe
  overlapSeconds: 20,
  // Amsterdam, Railway's EU region (it has no Frankfurt): near an Atlas cluster in Frankfurt
  region: 'europe-west4-drams3a',
});
