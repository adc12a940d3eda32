#!/usr/bin/env bash
# make bench: measures what a developer waits for and what the fleet costs: a cold `make up`
# (after make down, jars already built) and each process's resident memory once all are healthy.
# Prints a table and writes docs/benchmarks.md.
source "$(dirname "$0")/lib.sh"
ensure_java
OUT="$HB_ROOT/docs/benchmarks.md"
RUNS="${HB_BENCH_RUNS:-1}"

(cd "$HB_ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true package) || die "the build failed"
mark_built

times=()
for run in $(seq 1 "$RUNS"); do
  "$HB_ROOT/deploy/local/down.sh" >/dev/null 2>&1
  log "cold make up, run $run of $RUNS"
  started=$(date +%s.%N)
  "$HB_ROOT/deploy/local/up.sh" >/dev/null 2>&1 || die "make up failed; see $HB_LOGS"
  times+=("$(awk -v a="$(date +%s.%N)" -v b="$started" 'BEGIN {print a - b}')")
done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"

rows=""
total=0
for entry in llm-simulator:"$HB_SIMULATOR_PORT" "${HB_SERVICES[@]}" kafka:"$HB_KAFKA_PORT"; do
  name="${entry%%:*}"
  pid_alive "$HB_RUN/$name.pid" || continue
  rss="$(rss_mb "$(cat "$HB_RUN/$name.pid")")"
  total=$((total + rss))
  started_in="$(grep -ohE 'Started [A-Za-z]+ in [0-9.]+ seconds' "$HB_LOGS/$name.log" 2>/dev/null | tail -1 | grep -oE '[0-9.]+ seconds' || echo '-')"
  rows="$rows| $name | $rss MB | ${started_in} |\n"
done

# one service restarted alone while the rest idle: what a developer waits for after a change
stop_pid_file "$HB_RUN/tenant-service.pid" >/dev/null 2>&1
"$HB_ROOT/deploy/local/fleet.sh" up >/dev/null 2>&1 || die "restarting tenant-service failed"
alone="$(grep -ohE 'Started [A-Za-z]+ in [0-9.]+ seconds' "$HB_LOGS/tenant-service.log" | tail -1 | grep -oE '[0-9.]+ seconds')"

table="| process | resident memory | Spring Boot start (in parallel with the others) |\n| --- | --- | --- |\n$rows| **total** | **$total MB** | |"
cat >"$OUT" <<MARKDOWN
# Benchmarks

Measured by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$("$JAVA_HOME/bin/java" -version 2>&1 | head -1), JVM options \`${HB_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx384m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TieredStopAtLevel=1}\`.
PostgreSQL and Redis were already running; Kafka and the whole fleet started cold.

## Cold \`make up\` (jars already built)

| target | measured ($RUNS run(s), median) |
| --- | --- |
| under 3 minutes | $(printf '%.0f' "$median") s (runs: $(printf '%.0f s ' "${times[@]}")) |

## Resident memory once every process reports UP

$(echo -e "$table")

All eight Spring Boot processes start at once on two cores, so each one's start time is
mostly waiting for CPU. tenant-service restarted alone while the rest of the fleet idles (what a
developer waits for after changing one service): $alone.
MARKDOWN
echo -e "\ncold make up: $(printf '%.0f' "$median") s (target < 180 s); one service restarted alone: $alone\n"
echo -e "$table"
log "wrote docs/benchmarks.md"
