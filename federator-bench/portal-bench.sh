#!/usr/bin/env bash
# Portal page latency (docs/benchmarks.md, "Portal page latency (PortalBench)"): a Federator server (the runnable jar,
# with its defaults: embedded PostgreSQL and TDB2 in its data directory, public reads) on a catalogue of N
# self-descriptions, and PortalBench as USERS closed-loop anonymous visitors (search pages, the htmx partial,
# self-description pages); per page type p50/p90/p98/p99/max, errors and throughput, the CPU of server, PostgreSQL and
# driver, the server's GC and heap (before and after a full GC) after each level. The server is stopped at the end.
#
#   federator-bench/portal-bench.sh [N]     default N = 100000; run from the checkout root after
#                                           ./mvnw -o -q -pl federator-server,federator-bench -am package -DskipTests -Djazzer.skip
#
# The catalogue: the server's data directory SERVER_DIR (default BENCH_DIR/portal-server-N) is reused when it exists.
# Else it is made from the CatalogueBench catalogue in SOURCE (default BENCH_DIR/work-N-t4, from catalogue-bench.sh N:
# its pg directory has the server's embedded-PostgreSQL layout, its graph the projected TDB2), copied, never changed; the
# copy gets the server's V1 and is adopted by Flyway at the first start (baseline at V3, see PortalBench prepare). With
# no SOURCE either, the catalogue is built with the server's own import (federator catalogue import: 10,100 in 90 s
# here, so 15+ minutes at N = 100000, and an uncompacted TDB2 of 3.8 GB at 10,000) from the generated input
# BENCH_DIR/data-N (generated first if missing; nothing is revoked then).
#
# Environment: BENCH_DIR (default federator-catalogue-bench in the system's temporary directory), SOURCE, SERVER_DIR,
# USERS (default "8 1"), THINK_MS (0), WARMUP_S (30), DURATION_S (120), PORT (18580), SERVER_JAVA_OPTS (none: the JVM's
# defaults), SERVER_ARGS (more serve options, for what-if runs, e.g. "--set spring.web.resources.chain.enabled=false"),
# JAR (default federator-bench/target/benchmarks.jar) and SERVER_JAR (default federator-server/target/federator.jar):
# point them at copies to keep building while a run goes on.
set -euo pipefail

N=${1:-100000}
# the temporary directory ($TMPDIR or the system's): the embedded PostgreSQL, run as nobody under root, must reach it
DIR=${BENCH_DIR:-$(dirname "$(mktemp -u)")/federator-catalogue-bench}
SOURCE=${SOURCE:-$DIR/work-$N-t4}
SERVER_DIR=${SERVER_DIR:-$DIR/portal-server-$N}
USERS=${USERS:-8 1}
THINK_MS=${THINK_MS:-0}
WARMUP_S=${WARMUP_S:-30}
DURATION_S=${DURATION_S:-120}
PORT=${PORT:-18580}
source bin/select-jdk
JAVA=$JAVA_HOME/bin/java
JAR=${JAR:-federator-bench/target/benchmarks.jar}
SERVER_JAR=${SERVER_JAR:-federator-server/target/federator.jar}
for f in "$JAR" "$SERVER_JAR"; do
  [ -f "$f" ] || { echo "no $f: build it first (see the header of this script)" >&2; exit 1; }
done

mkdir -p "$DIR"
chmod 711 "$DIR"   # the embedded PostgreSQL runs as nobody when we are root
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG=$DIR/portal-results-$N-$STAMP.txt
CSV=$DIR/portal-results-$N-$STAMP.csv
SERVER_LOG=$DIR/portal-server-$N-$STAMP.log

{
  echo "# $(date -u) $(nproc) x $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); server $SERVER_JAR ${SERVER_ARGS:-}; data $SERVER_DIR; users $USERS, think $THINK_MS ms, warm-up $WARMUP_S s, measured $DURATION_S s"
} | tee "$LOG"

if [ ! -d "$SERVER_DIR/postgres" ]; then
  rm -rf "$SERVER_DIR"
  mkdir -p "$SERVER_DIR"
  chmod 711 "$SERVER_DIR"
  if [ -d "$SOURCE/pg/postgres" ]; then
    echo "# server data directory: a copy of $SOURCE (pg and graph)" | tee -a "$LOG"
    cp -a "$SOURCE/pg/." "$SERVER_DIR/"
    cp -a "$SOURCE/graph" "$SERVER_DIR/graph"
    "$JAVA" -cp "$JAR" eu.federator.bench.portal.PortalBench prepare --data-dir "$SERVER_DIR" --server-jar "$SERVER_JAR" | tee -a "$LOG"
  else
    DATA=$DIR/data-$N
    if [ ! -f "$DATA/manifest.properties" ]; then
      rm -rf "$DATA"
      "$JAVA" -Xmx2g -cp "$JAR" eu.federator.bench.catalogue.CatalogueBench generate --data "$DATA" --sds "$N" --providers 100 | tee -a "$LOG"
    fi
    # the import takes one self-description per file: participants first (path order), then the offerings
    FILES=$DIR/import-files-$N
    rm -rf "$FILES"
    mkdir -p "$FILES/1-participants" "$FILES/2-offerings"
    (cd "$FILES/1-participants" && split -l 1 -a 6 -d --additional-suffix=.jwt "$DATA/participants.jwt" p)
    (cd "$FILES/2-offerings" && split -l 1 -a 6 -d --additional-suffix=.jwt "$DATA/offerings.jwt" o)
    echo "# server data directory: federator catalogue import of $DATA" | tee -a "$LOG"
    "$JAVA" -jar "$SERVER_JAR" catalogue import --data-dir "$SERVER_DIR" --web-mirror "$DATA/web" --trust-anchors "$DATA/anchors.pem" \
        "$FILES" 2>&1 | tail -20 | tee -a "$LOG"
    rm -rf "$FILES"
  fi
fi

# Flyway adopts a copied CatalogueBench catalogue at its first start (no-ops once the schema history exists)
# shellcheck disable=SC2086
"$JAVA" ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" serve --port "$PORT" --data-dir "$SERVER_DIR" \
    --set spring.flyway.baseline-on-migrate=true --set spring.flyway.baseline-version=3 ${SERVER_ARGS:-} >"$SERVER_LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && break
  kill -0 $SERVER 2>/dev/null || { tail -30 "$SERVER_LOG" >&2; echo "the server stopped; log: $SERVER_LOG" >&2; exit 1; }
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" || { echo "the server is not ready after 180 s; log: $SERVER_LOG" >&2; exit 1; }
echo "# server pid $SERVER ready on port $PORT ($(grep -o 'Started FederatorApplication in [0-9.]* seconds' "$SERVER_LOG")); max heap $(jcmd $SERVER VM.flags 2>/dev/null | tr ' ' '\n' | awk -F= '$1 == "-XX:MaxHeapSize" {printf "%d MiB", $2 / 1048576}')" | tee -a "$LOG"

heap() { jcmd "$SERVER" GC.heap_info | awk '/garbage-first heap/ {gsub(/[K,]/, ""); printf "used %d MiB of %d MiB committed", $9 / 1024, $7 / 1024}'; }
for U in $USERS; do
  BEFORE=$(jstat -gc "$SERVER" | tail -1)
  "$JAVA" -Xmx512m -cp "$JAR" eu.federator.bench.portal.PortalBench run --url "http://127.0.0.1:$PORT" --users "$U" --think-ms "$THINK_MS" \
      --warmup-s "$WARMUP_S" --duration-s "$DURATION_S" --server-pid "$SERVER" --csv "$CSV" --label "N=$N" | tee -a "$LOG"
  AFTER=$(jstat -gc "$SERVER" | tail -1)
  HEADER=$(jstat -gc "$SERVER" | head -1)
  echo "server GC during warm-up and run (jstat -gc deltas): $(paste <(echo "$HEADER" | tr -s ' ' '\n' | grep -v '^$') <(echo "$BEFORE" | tr -s ' ' '\n' | grep -v '^$') <(echo "$AFTER" | tr -s ' ' '\n' | grep -v '^$') \
      | awk '$1 ~ /^(YGC|YGCT|FGC|FGCT|CGC|CGCT|GCT)$/ {printf "%s %g  ", $1, $3 - $2}')" | tee -a "$LOG"
  echo "server heap right after the run: $(heap); after a full GC: $(jcmd "$SERVER" GC.run >/dev/null; heap)" | tee -a "$LOG"
done
echo "# server RSS $(ps -o rss= -p $SERVER | awk '{printf "%d MiB", $1/1024}'); done $(date -u), load $(cut -d' ' -f1-3 /proc/loadavg); results in $LOG and $CSV; server log $SERVER_LOG" | tee -a "$LOG"
