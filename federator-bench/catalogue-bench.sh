#!/usr/bin/env bash
# The catalogue end to end (docs/benchmarks.md, "Catalogue end to end"): generate N signed Loire service-offering
# presentations from 100 providers (once per N), ingest them into an empty catalogue with 2 and then 4 submitting
# threads (embedded PostgreSQL + TDB2 + projector, every check and SHACL on), then on the last catalogue: SPARQL and
# full-text search latency, disk and heap, then graph rebuild vs the raw TDB2 loader vs projector catch-up, and the
# compaction of the graph the projector built.
#
#   federator-bench/catalogue-bench.sh [N]          default N = 10000; run from the checkout root after
#                                                   ./mvnw -o -q -pl federator-bench -am package -DskipTests -Djazzer.skip
# Environment: BENCH_DIR (default federator-catalogue-bench in the system's temporary directory), THREADS (default "2 4"), CALLS (default 300), JAR
# (default federator-bench/target/benchmarks.jar; point it at a copy to keep building while a long run goes on),
# KEEP=1 keeps the catalogue of every thread count (each is several GB at N = 100000).
set -euo pipefail

N=${1:-10000}
# the temporary directory ($TMPDIR or the system's): the embedded PostgreSQL, run as nobody under root, must reach it
DIR=${BENCH_DIR:-$(dirname "$(mktemp -u)")/federator-catalogue-bench}
THREADS=${THREADS:-2 4}
CALLS=${CALLS:-300}
source bin/select-jdk
JAVA=$JAVA_HOME/bin/java
JAR=${JAR:-federator-bench/target/benchmarks.jar}
MAIN=eu.federator.bench.catalogue.CatalogueBench
[ -f "$JAR" ] || { echo "no $JAR: build it first (see the header of this script)" >&2; exit 1; }

mkdir -p "$DIR"
chmod 711 "$DIR"   # the embedded PostgreSQL runs as nobody when we are root
DATA=$DIR/data-$N
LOG=$DIR/results-$N-$(date -u +%Y%m%dT%H%M%SZ).txt

{
  echo "# $(date -u) $(nproc) x $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
} | tee "$LOG"

if [ ! -f "$DATA/manifest.properties" ]; then
  rm -rf "$DATA"
  "$JAVA" -Xmx2g -cp "$JAR" $MAIN generate --data "$DATA" --sds "$N" --providers 100 | tee -a "$LOG"
fi

WORK=
for T in $THREADS; do
  if [ -n "$WORK" ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
  WORK=$DIR/work-$N-t$T
  rm -rf "$WORK"
  "$JAVA" -Xms1g -Xmx4g -cp "$JAR" $MAIN ingest --data "$DATA" --work "$WORK" --threads "$T" | tee -a "$LOG"
done

# queries first: rebuild ends by compacting the catalogue's graph, which a running server does not do
"$JAVA" -Xms1g -Xmx4g -cp "$JAR" $MAIN query --work "$WORK" --calls "$CALLS" | tee -a "$LOG"
"$JAVA" -Xmx8g -cp "$JAR" $MAIN rebuild --work "$WORK" | tee -a "$LOG"
echo "# done $(date -u), load $(cut -d' ' -f1-3 /proc/loadavg); results in $LOG; catalogue in $WORK" | tee -a "$LOG"
