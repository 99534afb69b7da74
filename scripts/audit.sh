#!/usr/bin/env bash
# make audit: what the registries say about AiArt's dependencies (docs/OPERATIONS.md, "Dependencies").
#  * npm (frontend/, tools/, deploy/): known vulnerabilities (`npm audit`) and newer versions (`npm outdated`);
#  * Maven (store/, renderer/, backend/, bench/): newer versions (versions-maven-plugin); the Quarkus extensions
#    follow the Quarkus BOM, which the project pins on purpose, so their lines are informational;
#  * the Dockerfile's base images: listed (no container registry is asked from here).
# It never changes a file. It fails (exit 1) only for a high or critical npm advisory; a registry
# that cannot be reached, or an advisory endpoint that refuses the request, is reported and skipped,
# so the audit works offline and `make test` never depends on it.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
skipped=()
VERSIONS_PLUGIN=org.codehaus.mojo:versions-maven-plugin:2.25.2

for dir in frontend tools deploy; do
  [ -f "$dir/package-lock.json" ] || continue
  echo "== npm: $dir"
  if [ ! -d "$dir/node_modules" ]; then
    echo "   (packages not installed: npm ci --prefix $dir first for 'npm outdated'; the audit reads the lock file)"
  fi
  audit=$(cd "$dir" && npm audit --omit=dev --json 2>/dev/null)
  if [ -z "$audit" ] || ! node -e 'const a=JSON.parse(process.argv[1]); if (a.error) process.exit(1)' "$audit" 2>/dev/null; then
    echo "   vulnerabilities: not checked (the registry's advisory endpoint did not answer)"
    skipped+=("npm audit $dir")
  else
    node -e '
      const a = JSON.parse(process.argv[1]);
      const v = a.metadata?.vulnerabilities ?? {};
      const names = Object.entries(a.vulnerabilities ?? {}).map(([n, x]) => `${n} (${x.severity})`);
      console.log(`   vulnerabilities: ${v.critical ?? 0} critical, ${v.high ?? 0} high, ${v.moderate ?? 0} moderate, ${v.low ?? 0} low`
        + (names.length ? `: ${names.join(", ")}` : ""));
      process.exit((v.critical ?? 0) + (v.high ?? 0) > 0 ? 2 : 0);' "$audit" || status=1
  fi
  if [ -d "$dir/node_modules" ]; then
    outdated=$(cd "$dir" && npm outdated 2>/dev/null)
    if [ $? -gt 1 ]; then skipped+=("npm outdated $dir"); fi
    if [ -n "$outdated" ]; then echo "$outdated" | sed 's/^/   /'; else echo "   every package is at its latest version"; fi
  fi
done

echo "== Maven: newer versions of direct dependencies (store, renderer, backend) and of the benchmark's"
for pom in pom.xml bench/pom.xml; do
  out=$(./mvnw -B -ntp -f "$pom" "$VERSIONS_PLUGIN:display-dependency-updates" -DprocessDependencyManagement=false -Dversions.outputLineWidth=160 2>&1)
  if [ $? -ne 0 ]; then
    echo "   $pom: not checked (Maven Central did not answer)"
    skipped+=("maven $pom")
    continue
  fi
  lines=$(echo "$out" | sed -n 's/^\[INFO\]   //p' | grep -- '->' || true)
  if [ -n "$lines" ]; then
    echo "$lines" | sed -E 's/ \.+ / /; s/^/   /'
  else
    echo "   $pom: every direct dependency is at its latest version"
  fi
done
echo "   (io.quarkus:* follow io.quarkus:quarkus-bom, pinned in pom.xml: update the BOM, not each extension)"

echo "== Docker base images (Dockerfile): check these tags by hand, or let Renovate propose updates (renovate.json)"
grep -E '^ARG [A-Z_]+_IMAGE=' Dockerfile | sed 's/^ARG /   /'

if [ ${#skipped[@]} -gt 0 ]; then
  (IFS=,; echo "Not checked: ${skipped[*]}" | sed "s/,/, /g")
fi
[ $status -eq 0 ] && echo "audit: no high or critical advisory found" || echo "audit: high or critical advisories above" >&2
exit $status
