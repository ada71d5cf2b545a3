#!/usr/bin/env bash
# HTTP latency of the clearing house's compliance endpoints over loopback (docs/benchmarks.md, "Compliance over HTTP").
# Sets up a local world (a clearing house that is also the notary, one participant, both chained to local CAs,
# their DID documents in a web mirror), onboards the participant to get a real 3-credential Loire VP, then loads
#   POST /api/credential-offers/standard-compliance  with that vp+jwt            (expects 201)
#   POST /api/credential-offers                      with the Tagus participant VP (expects 409: its issuers' DIDs no
#                                                     longer resolve, so every rule runs and the signature rules fail)
# at 1, 8 and 32 concurrent clients. Usage: federator-bench/compliance-latency.sh [SECONDS per level, default 20]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/bin/select-jdk"
seconds="${1:-20}"
port=18181
work="$(mktemp -d -t federator-latency-XXXXXX)"
chmod 755 "$work"
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -q -B -DskipTests -pl federator-server,federator-bench -am package) >/dev/null 2>&1
federator() { "$JAVA_HOME/bin/java" -jar "$root/federator-server/target/federator.jar" "$@"; }

federator did --did did:web:clearing.example --out "$work/clearing" >/dev/null
federator did --did did:web:acme.example --out "$work/acme" >/dev/null
mkdir -p "$work/web/clearing.example/.well-known" "$work/web/acme.example/.well-known"
cp "$work/acme/did.json" "$work/acme/x509CertificateChain.pem" "$work/web/acme.example/.well-known/"
cp "$work/clearing/x509CertificateChain.pem" "$work/web/clearing.example/.well-known/"

# java itself in the background (not a shell function), so that the trap's kill reaches the server
"$JAVA_HOME/bin/java" -jar "$root/federator-server/target/federator.jar" serve --port $port --data-dir "$work/data" --web-mirror "$work/web" --trust-anchors "$work/clearing/ca.pem" \
  --set federator.trust.additional-trust-anchors="$work/acme/ca.pem" \
  --set federator.identity.did=did:web:clearing.example \
  --set federator.identity.key="$work/clearing/private-key.pem" \
  --set federator.identity.certificate-chain="$work/clearing/x509CertificateChain.pem" \
  --set federator.notary.offline-only=true \
  --set federator.compliance.trusted-notaries=did:web:clearing.example \
  --set logging.level.root=WARN >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
# the clearing house's own DID document (its #X509-JWK2020 key), as its host would serve it
curl -sf "http://127.0.0.1:$port/.well-known/did.json" >"$work/web/clearing.example/.well-known/did.json"

federator onboard --server "http://127.0.0.1:$port" --did did:web:acme.example --legal-name "ACME GmbH" \
  --vat-id DE129273398 --country DE --out "$work/onboard" \
  --key "$work/acme/private-key.pem" --certificate-chain "$work/acme/x509CertificateChain.pem" >/dev/null \
  || { cat "$work/onboard/"*.error.json >&2; exit 1; }

bench() { "$JAVA_HOME/bin/java" -cp "$root/federator-bench/target/benchmarks.jar" eu.federator.bench.HttpLatency "$@"; }
echo "== Loire standard-compliance, 3-credential vp+jwt (LegalPerson, VatID, Issuer)"
bench "http://127.0.0.1:$port/api/credential-offers/standard-compliance" application/vp+jwt "$work/onboard/presentation.jwt" 201 1,8,32 "$seconds"
echo "== Tagus credential-offers, participant VP (gaiax/tagus-2210/vp/participant-vp.json)"
bench "http://127.0.0.1:$port/api/credential-offers" application/json "$root/../shared/fixtures/gaiax/tagus-2210/vp/participant-vp.json" 409 1,8,32 "$seconds"
