#!/usr/bin/env bash
# make bench: measures what a developer waits for and what the fleet costs: a cold `make up`
# (after make down, jars already built) and each process's resident memory once all are healthy;
# then executions through the gateway with the whole fleet on this machine (bench/ExecutionBench.java):
# platform overhead at 20 runs/s, sustained executions/s, and concurrent streaming runs held.
# Prints a table and writes docs/benchmarks.md.
source "$(dirname "$0")/lib.sh"
ensure_java
OUT="$HB_ROOT/docs/benchmarks.md"
RUNS="${HB_BENCH_RUNS:-1}"

forget_copied_migrations
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

# --- executions: a tenant of its own with the gateway's request limit raised out of the way ---
set -a; source "$HB_STATE/credentials.env"; set +a
GATEWAY="http://127.0.0.1:8080"
PSQL=(admin_psql -At -d hirebuddha)
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -sS --max-time 10 -H 'Content-Type: application/json' "${@:3}" -d "$2" "$GATEWAY$1"; }
bench_email="bench-$$-$RANDOM@example.com" bench_password="bench passphrase $$ $RANDOM"
tenant="$(post /api/v1/auth/register "{\"email\":\"$bench_email\",\"password\":\"$bench_password\",\"name\":\"Bench\",\"companyName\":\"Bench $$ $RANDOM\"}" | field "['tenantId']")" ||
  die "could not register the benchmark tenant"
admin="$(post /api/v1/auth/login "{\"email\":\"$HB_PLATFORM_ADMIN_EMAIL\",\"password\":\"$HB_PLATFORM_ADMIN_PASSWORD\"}" | field "['accessToken']")"
curl -fsS -o /dev/null -X PATCH "$GATEWAY/api/v1/tenants/$tenant" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"limits":{"requestsPerMinute":1000000}}' || die "could not raise the tenant's limit"
bench_token() { post /api/v1/auth/login "{\"email\":\"$bench_email\",\"password\":\"$bench_password\"}" | field "['accessToken']"; }
token="$(bench_token)"
agent="$(post /api/v1/agents '{"name":"Bench","systemPrompt":"Be brief.","model":{"provider":"simulator","name":"sim-1"}}' \
  -H "Authorization: Bearer $token" | field "['id']")" || die "could not create the benchmark agent"
sleep 2   # the raised limit reaches the gateway through tenant.events
bench() { "$JAVA_HOME/bin/java" -Xmx1g "$HB_ROOT/deploy/local/bench/ExecutionBench.java" "$1" "$GATEWAY" "$(bench_token)" "$agent" "${@:2}"; }
value() { grep -oE "(^| )$1=[^ ]+" <<<"$2" | cut -d= -f2; }

log "executions: platform overhead at 20 runs/s for 30 s (simulator at 0 ms per token), after 60 s of"
log "  warm-up at the same rate from the same client (not counted: the fleet and the client just started cold)"
latency="$(bench latency 30 20 60)"
log "executions: sustained throughput, 200 runs/s offered for 30 s"
since="$("${PSQL[@]}" -c "select now()")"
throughput="$(bench throughput 30 200)"
drained() { [ "$("${PSQL[@]}" -c "select count(*) from orchestration.execution where tenant_id = '$tenant' and created_at >= '$since' and status in ('PENDING', 'RUNNING')")" = 0 ]; }
wait_for 300 drained || log "runs still unfinished 5 minutes after the load"
read -r completed failed_runs rate <<<"$("${PSQL[@]}" -F ' ' -c "select count(*) filter (where status = 'SUCCEEDED'), count(*) filter (where status <> 'SUCCEEDED'),
  round(count(*) filter (where status = 'SUCCEEDED') / greatest(extract(epoch from max(finished_at) - min(created_at)), 0.001), 1)
  from orchestration.execution where tenant_id = '$tenant' and created_at >= '$since'")"
runs="${HB_BENCH_STREAMS:-1000}"
log "executions: $runs runs streaming at once, 40 tokens 500 ms apart (20 s) each, every one followed over SSE"
streaming="$(bench streaming "$runs" 40 500 "$(cat "$HB_RUN/worker-service.pid")")"

# --- the ledger: a flood of usage events straight into usage.recorded, priced by billing-service,
# then last month's invoice of the tenant that used them ---
ledger_events="${HB_BENCH_USAGE_EVENTS:-1000000}"
log "ledger: $ledger_events usage events (dated last month) published to usage.recorded as fast as Kafka takes them"
ledger_tenant="$(python3 -c 'import uuid; print(uuid.uuid4())')" ledger_partner="$(python3 -c 'import uuid; print(uuid.uuid4())')"
last_month="$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%Y-%m)"
ledger_count() { "${PSQL[@]}" -c "select count(*) from billing.ledger_entry where tenant_id = '$ledger_tenant'"; }
"$JAVA_HOME/bin/java" -cp "$HB_STATE/kafka/libs/*" "$HB_ROOT/deploy/local/kafka/UsageFlood.java" \
  "127.0.0.1:$HB_KAFKA_PORT" "$ledger_tenant" "$ledger_events" 0 "${last_month}-15T12:00:00Z" "$ledger_partner" >/dev/null &
flood=$!
ledger_first=0 ledger_at_first=0 ledger_last=0
for _ in $(seq 1 6000); do
  n="$(ledger_count)"
  if [ "$n" -gt 0 ] && [ "$ledger_first" = 0 ]; then ledger_first="$(date +%s.%N)" ledger_at_first="$n"; fi
  if [ "$n" -ge "$ledger_events" ]; then ledger_last="$(date +%s.%N)"; break; fi
  sleep 0.1
done
wait "$flood" || log "the usage flood failed"
ledger_rate="$(awk -v n="$ledger_events" -v f="$ledger_at_first" -v a="$ledger_first" -v b="$ledger_last" \
  'BEGIN { if (b > a) printf "%.0f", (n - f) / (b - a); else print "n/a" }')"
read -r ledger_rows ledger_exact <<<"$("${PSQL[@]}" -F ' ' -c "select count(*), count(*) = count(distinct event_id)
  and sum(price_micros) = count(*) * min(price_micros)
  and sum(price_micros) = (select price_micros from billing.ledger_balance where tenant_id = '$ledger_tenant')
  from billing.ledger_entry where tenant_id = '$ledger_tenant'")"
log "ledger: last month's invoice for the tenant with $ledger_rows rows"
platform_token="$(post /api/v1/auth/login "{\"email\":\"$HB_PLATFORM_ADMIN_EMAIL\",\"password\":\"$HB_PLATFORM_ADMIN_PASSWORD\"}" | field "['accessToken']")"
invoice_seconds="$(curl -sS -o /tmp/hb-bench-invoice.json -w '%{time_total}' --max-time 300 -X POST "$GATEWAY/api/v1/invoices" \
  -H "Authorization: Bearer $platform_token" -H 'Content-Type: application/json' \
  -d "{\"tenantId\":\"$ledger_tenant\",\"period\":\"$last_month\"}")"
invoice_matches="$(python3 -c "import json; print(json.load(open('/tmp/hb-bench-invoice.json'))['totalMicros'])" 2>/dev/null)"
invoice_matches="$("${PSQL[@]}" -c "select coalesce(sum(price_micros), -1) = ${invoice_matches:--2} from billing.ledger_entry where tenant_id = '$ledger_tenant'")"
# the benchmark's tenant goes again: only the database's superuser can remove ledger rows and
# invoices (the service's own role cannot), and the bench partner's invoice series goes with it
admin_psql -q -d hirebuddha -c "begin;
  alter table billing.ledger_entry disable trigger user; alter table billing.invoice disable trigger user;
  alter table billing.invoice_line disable trigger user;
  delete from billing.invoice_line where tenant_id = '$ledger_tenant'; delete from billing.invoice where tenant_id = '$ledger_tenant';
  delete from billing.invoice_series where issuer = '$ledger_partner';
  delete from billing.ledger_entry where tenant_id = '$ledger_tenant'; delete from billing.ledger_balance where tenant_id = '$ledger_tenant';
  alter table billing.ledger_entry enable trigger user; alter table billing.invoice enable trigger user;
  alter table billing.invoice_line enable trigger user;
  commit;" >/dev/null || log "could not remove the benchmark's ledger rows"
# --- knowledge bases: ingestion throughput next to the bare model, then search at scale ---
log "knowledge: a corpus of 40 documents (about 2,000 chunks) uploaded and indexed, next to the bare model on the same chunks"
(cd "$HB_ROOT" && ./mvnw -q -B -o -pl ingestion-service dependency:build-classpath \
  -Dmdep.outputFile="$HB_STATE/ingestion.classpath" >/dev/null) || die "could not resolve ingestion-service's classpath"
kb_bench() { "$JAVA_HOME/bin/java" -Xmx1g -cp "$(cat "$HB_STATE/ingestion.classpath")" "$HB_ROOT/deploy/local/bench/KnowledgeBench.java" "$@"; }
corpus="$HB_STATE/bench-corpus" && rm -rf "$corpus" && mkdir -p "$corpus"
python3 - "$corpus" <<'PY'
import random, sys
random.seed(7)
words = ("account agent answer approval audit budget candidate change client contract cost customer data deadline "
         "delivery document employee engineer feature holiday invoice issue leave manager meeting notice office "
         "order owner partner payment period plan policy price process product project quality refund release "
         "report request review risk salary schedule security service shipping support system team tenant test "
         "ticket training travel update vendor warranty workflow").split()
for d in range(40):
    with open(f"{sys.argv[1]}/handbook-{d:02d}.md", "w") as out:
        out.write(f"# Handbook part {d}\n\n")
        for section in range(10):
            out.write(f"## Section {d}.{section}\n\n")
            for paragraph in range(5):
                out.write(" ".join(random.choice(words) for _ in range(70)).capitalize() + ".\n\n")
PY
token="$(bench_token)"   # the one from the start of the bench may have expired
corpus_kb="$(post /api/v1/knowledge-bases '{"name":"Bench corpus","chunking":{"chunkTokens":128,"overlapTokens":16}}' \
  -H "Authorization: Bearer $token" | field "['id']")" || die "could not create the corpus knowledge base"
ingest_started="$(date +%s.%N)"
for part in 0 1; do
  files=()
  for f in $(ls "$corpus"/*.md | sed -n "$((part * 20 + 1)),$((part * 20 + 20))p"); do files+=(-F "file=@$f;type=text/markdown"); done
  curl -fsS -o /dev/null --max-time 120 "$GATEWAY/api/v1/knowledge-bases/$corpus_kb/documents" -H "Authorization: Bearer $token" "${files[@]}" \
    || die "could not upload the corpus"
done
corpus_done() { [ "$("${PSQL[@]}" -c "select count(*) from ingestion.document where knowledge_base_id = '$corpus_kb' and status in ('READY', 'FAILED')")" = 40 ]; }
wait_for 1800 corpus_done || log "the corpus did not finish indexing in 30 minutes"
ingest_seconds="$(awk -v a="$(date +%s.%N)" -v b="$ingest_started" 'BEGIN {print a - b}')"
corpus_chunks="$("${PSQL[@]}" -c "select count(*) from ingestion.chunk where knowledge_base_id = '$corpus_kb' and embedding is not null")"
ingest_rate="$(awk -v n="$corpus_chunks" -v s="$ingest_seconds" 'BEGIN {printf "%.1f", n / s}')"
"${PSQL[@]}" -c "copy (select content from ingestion.chunk where knowledge_base_id = '$corpus_kb' order by document_id, ordinal) to stdout" \
  >"$HB_STATE/bench-chunks.txt"
bare="$(kb_bench bare "$HB_STATE/bench-chunks.txt")"
bare_rate="$(value chunks_per_s "$bare")"
ingest_ratio="$(awk -v a="$ingest_rate" -v b="$bare_rate" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')"

search_chunks="${BENCH_CHUNKS:-100000}"
few_chunks=$((search_chunks / 100))
log "knowledge: search through the gateway at $search_chunks chunks (vectors around the corpus's), and a tenant owning $few_chunks"
few_email="bench-few-$$-$RANDOM@example.com"
post /api/v1/auth/register "{\"email\":\"$few_email\",\"password\":\"$bench_password\",\"name\":\"Few\",\"companyName\":\"Bench few $$ $RANDOM\"}" >/dev/null
few_token="$(post /api/v1/auth/login "{\"email\":\"$few_email\",\"password\":\"$bench_password\"}" | field "['accessToken']")"
few_tenant="$(curl -fsS "$GATEWAY/api/v1/auth/me" -H "Authorization: Bearer $few_token" | field "['tenantId']")"
many_kb="$(post /api/v1/knowledge-bases '{"name":"Bench many"}' -H "Authorization: Bearer $token" | field "['id']")"
few_kb="$(post /api/v1/knowledge-bases '{"name":"Bench few"}' -H "Authorization: Bearer $few_token" | field "['id']")"
seed_chunks() { # tenant kb count
  local doc; doc="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  admin_psql -q -d hirebuddha -c "
    insert into ingestion.document (id, tenant_id, knowledge_base_id, name, media_type, size_bytes, sha256, blob_key, status,
                                    next_attempt_at, created_at, updated_at, ready_at)
    values ('$doc', '$1', '$2', 'synthetic.txt', 'text/plain', 1, 'bench', 'tenants/$1/documents/$doc', 'READY', now(), now(), now(), now());
    with source as materialized (
      select row_number() over (order by id) - 1 as rn, embedding::real[] as e from ingestion.chunk
      where knowledge_base_id = '$corpus_kb' and embedding is not null),
    n as (select count(*) as n from source)
    insert into ingestion.chunk (id, tenant_id, knowledge_base_id, document_id, content_key, ordinal, content, start_offset,
                                 end_offset, token_count, embedding, lexemes, created_at)
    select gen_random_uuid(), '$1', '$2', '$doc', 's' || i, i, 'synthetic passage ' || i, 0, 1, 1,
           (select array_agg(x + (random()::real - 0.5) * 0.02 order by o) from unnest(s.e) with ordinality u(x, o))::vector,
           to_tsvector('simple', 'synthetic passage'), now()
    from generate_series(1, $3) i cross join n join source s on s.rn = i % n.n;" >/dev/null
}
seed_started="$(date +%s)"
seed_chunks "$tenant" "$many_kb" "$search_chunks"
seed_chunks "$few_tenant" "$few_kb" "$few_chunks"
# fresh statistics, as autovacuum would gather them after such a load: the planner picks the HNSW
# index for the large tenant and its own rows for the small one
admin_psql -q -d hirebuddha -c "analyze ingestion.chunk" >/dev/null
log "knowledge: seeded in $(( $(date +%s) - seed_started )) s"
"${PSQL[@]}" -c "select split_part(content, '.', 1) from ingestion.chunk where knowledge_base_id = '$corpus_kb' order by random() limit 300" \
  >"$HB_STATE/bench-queries.txt"
jdbc="jdbc:postgresql://$HB_PG_HOST:$HB_PG_PORT/hirebuddha?user=${HB_PG_SUPERUSER:-postgres}"
many_search="$(kb_bench search "$GATEWAY" "$(bench_token)" "$many_kb" "$tenant" "$HB_STATE/bench-queries.txt" 20 20 "$jdbc")"
few_search="$(kb_bench search "$GATEWAY" "$few_token" "$few_kb" "$few_tenant" "$HB_STATE/bench-queries.txt" 20 20 "$jdbc")"
# the corpus goes through the API (its originals leave the blob store); the synthetic chunks,
# which have no originals, with SQL
curl -fsS -o /dev/null -X DELETE "$GATEWAY/api/v1/knowledge-bases/$corpus_kb" -H "Authorization: Bearer $(bench_token)" \
  || log "could not delete the corpus"
admin_psql -q -d hirebuddha -c "delete from ingestion.knowledge_base where id in ('$many_kb', '$few_kb')" >/dev/null
knowledge_table="| measure | target | measured |\n| --- | --- | --- |
| ingestion: chunks/s from upload to READY, $corpus_chunks chunks in 40 Markdown documents, next to the bare embedding model on the same chunks | ratio >= 0.9 | $ingest_rate chunks/s ($(printf '%.1f' "$ingest_seconds") s); bare model $bare_rate chunks/s; ratio $ingest_ratio |
| search through the gateway at $search_chunks chunks (vector, topK 10, 20/s for 20 s) | recall@10 >= 0.95 at p99 <= 20 ms | recall@10 $(value recall_at_10 "$many_search"); p50 $(value p50_ms "$many_search") ms, p99 $(value p99_ms "$many_search") ms ($(value searches "$many_search") searches, $(value failed "$many_search") failed) |
| filtered: a tenant that owns 1 % ($few_chunks of $((search_chunks + few_chunks))), recall@10 against an exact scan of its own chunks | >= 0.95 | recall@10 $(value recall_at_10 "$few_search"); p50 $(value p50_ms "$few_search") ms, p99 $(value p99_ms "$few_search") ms |"

ledger_table="| measure | target | measured |\n| --- | --- | --- |
| usage events priced into the ledger per second | >= 5,000/s, exactly once | $ledger_rate/s; $ledger_rows rows for $ledger_events events; one row per event id and balance = rows: $ledger_exact |
| invoice generation for a tenant with $ledger_rows ledger rows in the month (POST /invoices through the gateway) | | $invoice_seconds s; invoice total = the ledger's sum: $invoice_matches |"

exec_table="| measure | target | measured |\n| --- | --- | --- |
| platform overhead at 20 runs/s: accept -> \`final_result\` on the client's SSE stream | p99 <= 50 ms | p50 $(value p50_ms "$latency") ms, p90 $(value p90_ms "$latency") ms, p99 $(value p99_ms "$latency") ms ($(value runs "$latency") runs, $(value failed "$latency") failed) |
| sustained executions/s (offered 200/s for 30 s) | >= 100/s | $rate/s completed ($completed succeeded, $failed_runs not; $(value accepted "$throughput") accepted, $(value refused "$throughput") shed with 503/429) |
| concurrent streaming runs held (20 s streams, each followed over SSE) | 1,000 | $(value peak_concurrent "$streaming") at once; $(value succeeded "$streaming") of $runs succeeded; $(value deltas "$streaming") deltas delivered |
| worker resident memory at that peak | | $(value worker_peak_rss_mb "$streaming") MB |"

table="| process | resident memory | Spring Boot start (in parallel with the others) |\n| --- | --- | --- |\n$rows| **total** | **$total MB** | |"
cat >"$OUT" <<MARKDOWN
# Benchmarks

Measured by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$("$JAVA_HOME/bin/java" -version 2>&1 | head -1), JVM options \`${HB_JAVA_OPTS:--XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -Xms32m -Xmx384m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TieredStopAtLevel=1}\`.
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

## Executions through the gateway

The whole fleet, Kafka, PostgreSQL, Redis, the simulator and the load generator
(\`deploy/local/bench/ExecutionBench.java\`) share the $(nproc) cores. Every run is a real agent
execution: POST through the gateway, outbox, Kafka, the worker's engine and a streamed simulator
call, progress back over Kafka, stored, and streamed to the client over SSE.

$(echo -e "$exec_table")

How each is measured (docs/executions.md, "Performance"): overhead is the client's time from
sending the POST to reading \`final_result\` with the simulator answering at 0 ms per token, so it is
all platform (after 60 s of uncounted warm-up at the same rate from the same client); throughput is runs completed per second from the first accepted to the last
finished while 200/s were offered; streaming counts runs between their \`node_started\` and
\`final_result\` at the same moment.

## The ledger

\`deploy/local/kafka/UsageFlood.java\` publishes $ledger_events \`usage.recorded\` events (one tenant of a
partner, dated last month, shaped as the worker publishes them) as fast as Kafka takes them, while
billing-service prices them into the ledger a poll at a time. The rate is rows written per second
from the first committed batch to the last; afterwards the rows are checked: one per event id, the
same price for every call, and the tenant's balance equal to its rows. Then last month's invoice
of that tenant is issued through the gateway and timed. The benchmark's rows and invoice are
removed afterwards by the database superuser (the service itself cannot).

$(echo -e "$ledger_table")

## Knowledge bases

A corpus of 40 Markdown documents is uploaded through the gateway (two multipart requests) and
indexed by ingestion-service's pipeline (Tika-free Markdown extraction, chunking at 128 tokens,
the in-process quantized all-MiniLM-L6-v2, PostgreSQL with pgvector); the rate is chunks
embedded per second from the first upload to the last document READY. The bare model is the same
LangChain4j model embedding the same chunks in batches of 32 on the same cores, in the same run
(\`deploy/local/bench/KnowledgeBench.java bare\`). For search, \`BENCH_CHUNKS\` synthetic chunks (vectors
around the corpus's real ones) are written for the benchmark's tenant and 1 % as many for a second
tenant; searches through the gateway embed their query, ask the HNSW index with iterative scans,
and are compared with an exact scan of the same tenant's knowledge base with the same query vector.

$(echo -e "$knowledge_table")
MARKDOWN
echo -e "\n$ledger_table\n"
echo -e "\n$knowledge_table\n"
echo -e "\ncold make up: $(printf '%.0f' "$median") s (target < 180 s); one service restarted alone: $alone\n"
echo -e "$table"
echo -e "\n$exec_table\n"
log "wrote docs/benchmarks.md"
