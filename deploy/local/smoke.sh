#!/usr/bin/env bash
# End-to-end checks against the running fleet (make up first): health of every process, the LLM
# simulator, routing with request ids through the gateway, sign-in, sessions and API keys at the
# front door, the tenant.events outbox -> inbox flow between tenant-service and billing-service,
# agent and workflow runs end to end (executions_e2e.py, including kill -9 of the worker mid-run),
# knowledge bases (knowledge_e2e.py, kill -9 of ingestion-service mid-indexing), and recovery of a
# killed service.
source "$(dirname "$0")/lib.sh"
passed=0 failed=0
GATEWAY="http://127.0.0.1:8080"
PSQL=(admin_psql -At -d hirebuddha)
RUN_ID="$$-$RANDOM"   # fresh ids every run: the logs are appended to, never rotated
set -a; source "$HB_STATE/credentials.env"; set +a   # demo accounts (make up wrote them)

check() {
  local name="$1"; shift
  if "$@"; then
    passed=$((passed + 1)); printf '  \033[32mok\033[0m   %s\n' "$name"
  else
    failed=$((failed + 1)); printf '  \033[31mFAIL\033[0m %s\n' "$name"
  fi
}

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

post_json() { curl -sS --max-time 10 -H 'Content-Type: application/json' "${@:3}" -d "$2" "$GATEWAY$1"; }

status_of() { curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }

login() {
  post_json /api/v1/auth/login "{\"email\":\"$1\",\"password\":\"$2\"}" | json_field "['$3']"
}

ADMIN_TOKEN="$(login "$HB_PLATFORM_ADMIN_EMAIL" "$HB_PLATFORM_ADMIN_PASSWORD" accessToken 2>/dev/null || true)"
AUTH=(-H "Authorization: Bearer $ADMIN_TOKEN")

demo_accounts_sign_in() {
  local role
  for role in PLATFORM PARTNER TENANT; do
    local email="HB_${role}_ADMIN_EMAIL" password="HB_${role}_ADMIN_PASSWORD" token
    token="$(login "${!email}" "${!password}" accessToken)" || return 1
    curl -fsS --max-time 5 -H "Authorization: Bearer $token" "$GATEWAY/api/v1/auth/me" |
      grep -q "\"${role}_ADMIN\"" || return 1
  done
}

register_login_me_refresh() {
  local email="smoke-$RUN_ID@example.com" tokens refresh access
  post_json /api/v1/auth/register "{\"email\":\"$email\",\"password\":\"smoke test passphrase $RUN_ID\",\"name\":\"Smoke\",\"companyName\":\"Smoke Co $RUN_ID\"}" |
    grep -q tenantId || return 1
  tokens="$(post_json /api/v1/auth/login "{\"email\":\"$email\",\"password\":\"smoke test passphrase $RUN_ID\"}")"
  access="$(json_field "['accessToken']" <<<"$tokens")" refresh="$(json_field "['refreshToken']" <<<"$tokens")"
  curl -fsS --max-time 5 -H "Authorization: Bearer $access" "$GATEWAY/api/v1/auth/me" | grep -q "$email" || return 1
  post_json /api/v1/auth/refresh "{\"refreshToken\":\"$refresh\"}" | grep -q accessToken || return 1
  [ "$(status_of -H 'Content-Type: application/json' -d "{\"refreshToken\":\"$refresh\"}" "$GATEWAY/api/v1/auth/refresh")" = 401 ]
}

logout_ends_the_session_at_the_gateway() {
  local tokens access
  tokens="$(post_json /api/v1/auth/login "{\"email\":\"$HB_PARTNER_ADMIN_EMAIL\",\"password\":\"$HB_PARTNER_ADMIN_PASSWORD\"}")"
  access="$(json_field "['accessToken']" <<<"$tokens")"
  [ "$(status_of -H "Authorization: Bearer $access" "$GATEWAY/api/v1/auth/me")" = 200 ] || return 1
  [ "$(status_of -X POST -H "Authorization: Bearer $access" "$GATEWAY/api/v1/auth/logout")" = 204 ] || return 1
  refused() { [ "$(status_of -H "Authorization: Bearer $access" "$GATEWAY/api/v1/auth/me")" = 401 ]; }
  wait_for 10 refused
}

# a tenant admin's key reads its tenant through the gateway until revoked, then within seconds not
api_key_works_until_revoked() {
  local access created key id tenant
  access="$(login "$HB_TENANT_ADMIN_EMAIL" "$HB_TENANT_ADMIN_PASSWORD" accessToken)" || return 1
  tenant="$(curl -fsS --max-time 5 -H "Authorization: Bearer $access" "$GATEWAY/api/v1/auth/me" | json_field "['tenantId']")"
  created="$(post_json /api/v1/api-keys '{"name":"smoke","scopes":["tenants:read"],"rateLimitPerMinute":2}' \
    -H "Authorization: Bearer $access")"
  key="$(json_field "['key']" <<<"$created")" id="$(json_field "['id']" <<<"$created")"
  [ "$(status_of -H "X-API-Key: $key" "$GATEWAY/api/v1/tenants/$tenant")" = 200 ] || return 1
  [ "$(status_of -H "X-API-Key: $key" "$GATEWAY/api/v1/tenants/$tenant")" = 200 ] || return 1
  local over
  over="$(curl -sS -D - -o /dev/null --max-time 5 -H "X-API-Key: $key" "$GATEWAY/api/v1/tenants/$tenant")"
  grep -q ' 429' <<<"$over" && grep -qi '^retry-after: [0-9]' <<<"$over" || return 1
  [ "$(status_of -X DELETE -H "Authorization: Bearer $access" "$GATEWAY/api/v1/api-keys/$id")" = 204 ] || return 1
  revoked() { [ "$(status_of -H "X-API-Key: $key" "$GATEWAY/api/v1/tenants/$tenant")" = 401 ]; }
  wait_for 10 revoked
}

# the platform suspends a tenant: its token is refused at the gateway within 5 s, and works
# again within 5 s of reactivation (tenant-service -> tenant.events -> gateway)
suspension_reaches_the_gateway() {
  local email="suspended-$RUN_ID@example.com" access tenant
  post_json /api/v1/auth/register "{\"email\":\"$email\",\"password\":\"smoke test passphrase $RUN_ID\",\"name\":\"S\",\"companyName\":\"Suspended Co $RUN_ID\"}" >/dev/null
  access="$(login "$email" "smoke test passphrase $RUN_ID" accessToken)" || return 1
  tenant="$(curl -fsS --max-time 5 -H "Authorization: Bearer $access" "$GATEWAY/api/v1/auth/me" | json_field "['tenantId']")"
  [ "$(status_of -H "Authorization: Bearer $access" "$GATEWAY/api/v1/tenants/$tenant")" = 200 ] || return 1
  post_json "/api/v1/tenants/$tenant/suspend" '{"reason":"smoke"}' "${AUTH[@]}" >/dev/null
  refused() { [ "$(status_of -H "Authorization: Bearer $access" "$GATEWAY/api/v1/tenants/$tenant")" = 403 ]; }
  wait_for 5 refused || return 1
  post_json "/api/v1/tenants/$tenant/activate" '{"reason":"smoke"}' "${AUTH[@]}" >/dev/null
  admitted() { [ "$(status_of -H "Authorization: Bearer $access" "$GATEWAY/api/v1/tenants/$tenant")" = 200 ]; }
  wait_for 5 admitted
}

# every object endpoint behind the gateway, called by another organization (deploy/local/isolation_matrix.py)
isolation_matrix() {
  python3 "$HB_ROOT/deploy/local/isolation_matrix.py" "$GATEWAY" "$HB_ROOT/gateway/src/main/resources/application.yml"
}

# every endpoint behind the gateway, sent bad inputs: never a 5xx, always problem+json, nothing
# accepted and nothing changed (deploy/local/bad_input_matrix.py)
bad_input_matrix() {
  python3 "$HB_ROOT/deploy/local/bad_input_matrix.py" "$GATEWAY" "$HB_ROOT/gateway/src/main/resources/application.yml"
}

security_headers_on_the_console() {
  local headers
  headers="$(curl -sS -D - -o /dev/null --max-time 5 "$GATEWAY/")"
  grep -qi "^content-security-policy: .*frame-ancestors 'none'" <<<"$headers" &&
    grep -qi '^x-content-type-options: nosniff' <<<"$headers"
}

health_up() { curl -fsS --max-time 5 "$1" | grep -q '"status":"UP"'; }

readiness_has_db_and_kafka() {
  local body
  body="$(curl -fsS --max-time 5 "http://127.0.0.1:$1/actuator/health/readiness")" || return 1
  [ "$(json_field "['components']['db']['status']" <<<"$body")" = UP ] &&
    [ "$(json_field "['components']['kafka']['status']" <<<"$body")" = UP ]
}

simulator_answers() {
  curl -fsS --max-time 10 "http://127.0.0.1:$HB_SIMULATOR_PORT/v1/chat/completions" \
    -H 'Content-Type: application/json' \
    -d '{"model":"sim-1","messages":[{"role":"user","content":"Say hello"}]}' |
    python3 -c "import json,sys; r=json.load(sys.stdin); assert r['choices'][0]['message']['content']; assert r['usage']['completion_tokens'] > 0"
}

simulator_streams() {
  local out
  out="$(curl -fsS -N --max-time 20 "http://127.0.0.1:$HB_SIMULATOR_PORT/v1/chat/completions" \
    -H 'Content-Type: application/json' \
    -d '{"model":"sim-1","stream":true,"messages":[{"role":"user","content":"Stream please [[sim:tokens=5]]"}]}')"
  [ "$(grep -c '"content"' <<<"$out")" -ge 5 ] && grep -q 'data: \[DONE\]' <<<"$out"
}

request_id_round_trip() {
  local id="smoke-rid-$RUN_ID" headers
  headers="$(curl -sS -D - -o /dev/null --max-time 5 "${AUTH[@]}" -H "X-Request-Id: $id" "$GATEWAY/api/v1/tenants")"
  grep -qi "^x-request-id: $id" <<<"$headers" &&
    wait_for 5 grep -q "\"requestId\":\"$id\"" "$HB_LOGS/tenant-service.log"
}

# the gateway's span and the service's share one trace id (W3C traceparent), visible in both logs
one_trace_spans_gateway_and_service() {
  local id="smoke-trace-$RUN_ID" gateway_trace service_trace
  curl -fsS -o /dev/null --max-time 5 "${AUTH[@]}" -H "X-Request-Id: $id" "$GATEWAY/api/v1/tenants?size=1" || return 1
  wait_for 5 grep -q "\"requestId\":\"$id\"" "$HB_LOGS/tenant-service.log" || return 1
  gateway_trace="$(grep -h "\"requestId\":\"$id\"" "$HB_LOGS/gateway.log" | grep -o '"traceId":"[0-9a-f]*"' | tail -1)"
  service_trace="$(grep -h "\"requestId\":\"$id\"" "$HB_LOGS/tenant-service.log" | grep -o '"traceId":"[0-9a-f]*"' | tail -1)"
  [ -n "$gateway_trace" ] && [ "$gateway_trace" = "$service_trace" ]
}

unrouted_is_problem_json() {
  local headers
  headers="$(curl -sS -D - -o /dev/null --max-time 5 "${AUTH[@]}" "$GATEWAY/api/v1/no-such-area")"
  grep -q ' 404' <<<"$headers" && grep -qi '^content-type: application/problem+json' <<<"$headers"
}

console_served() {
  curl -fsS --max-time 5 "$GATEWAY/" | grep -q '<title>HireBuddha console</title>'
}

console_in_a_browser() {
  (cd "$HB_ROOT/web" && node e2e/console.e2e.mjs "$GATEWAY" "$HB_LOGS/console.png")
}

create_tenant() {
  curl -fsS --max-time 10 "$GATEWAY/api/v1/tenants" "${AUTH[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\"}" | json_field "['id']"
}

billing_account_opened() {
  [ "$("${PSQL[@]}" -c "select count(*) from billing.billing_account where tenant_id = '$1'")" = 1 ]
}

tenant_reaches_billing() {
  local id
  id="$(create_tenant "Smoke Test Co")" || return 1
  wait_for 20 billing_account_opened "$id"
}

# kill -9 billing-service, create a tenant while it is down, `fleet.sh up` must restart only it,
# and the restarted consumer must catch up from its committed offset.
killed_service_restarts_alone_and_catches_up() {
  local before after id
  before="$(cat "$HB_RUN"/*-service.pid "$HB_RUN/gateway.pid" | sort | tr '\n' ' ')"
  kill -KILL "$(cat "$HB_RUN/billing-service.pid")"
  sleep 1
  id="$(create_tenant "Created While Billing Was Down")" || return 1
  "$HB_ROOT/deploy/local/fleet.sh" up >/dev/null 2>&1 || return 1
  after="$(cat "$HB_RUN"/*-service.pid "$HB_RUN/gateway.pid" | sort | tr '\n' ' ')"
  local changed
  changed="$(comm -3 <(tr ' ' '\n' <<<"$before" | sort) <(tr ' ' '\n' <<<"$after" | sort) | grep -c . || true)"
  [ "$changed" = 2 ] && wait_for 60 billing_account_opened "$id"
}

# 10,000 usage events published at 2,000/s; billing-service is killed (-9) once about 2,000 are
# in the ledger and restarted by `fleet.sh up`: the ledger ends with exactly one row per event, the tenant's balance
# equals its rows, and every row has the same price
ledger_survives_kill_during_a_usage_flood() {
  local tenant flood rows=0
  ensure_java >/dev/null
  tenant="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  "$JAVA_HOME/bin/java" -cp "$HB_STATE/kafka/libs/*" "$HB_ROOT/deploy/local/kafka/UsageFlood.java" \
    "127.0.0.1:$HB_KAFKA_PORT" "$tenant" 10000 2000 >/dev/null &
  flood=$!
  # kill once the ledger is being written, about a fifth of the way in
  for _ in $(seq 1 150); do
    rows="$("${PSQL[@]}" -c "select count(*) from billing.ledger_entry where tenant_id = '$tenant'")"
    [ "$rows" -ge 2000 ] && break
    sleep 0.1
  done
  kill -KILL "$(cat "$HB_RUN/billing-service.pid")"
  wait "$flood" || return 1
  "$HB_ROOT/deploy/local/fleet.sh" up >/dev/null 2>&1 || return 1
  ledger_rows() { [ "$("${PSQL[@]}" -c "select count(*) from billing.ledger_entry where tenant_id = '$tenant'")" = "$1" ]; }
  wait_for 90 ledger_rows 10000 || return 1
  sleep 2
  local verdict
  verdict="$("${PSQL[@]}" -c "select count(*) = 10000 and count(distinct event_id) = 10000
      and count(distinct price_micros) = 1 and sum(price_micros) = 10000 * min(price_micros)
      and sum(price_micros) = (select price_micros from billing.ledger_balance where tenant_id = '$tenant')
      and count(*) = (select entries from billing.ledger_balance where tenant_id = '$tenant')
    from billing.ledger_entry where tenant_id = '$tenant'")"
  echo "    killed at $rows rows; after the restart: $("${PSQL[@]}" -c "select count(*) || ' rows, ' || sum(price_micros) || ' micro-USD' from billing.ledger_entry where tenant_id = '$tenant'")"
  [ "$verdict" = t ]
}

executions() { HB_ROOT="$HB_ROOT" python3 "$HB_ROOT/deploy/local/executions_e2e.py" "$GATEWAY" "$1"; }
knowledge() { HB_ROOT="$HB_ROOT" python3 "$HB_ROOT/deploy/local/knowledge_e2e.py" "$GATEWAY" "$1"; }

echo "smoke tests against the running fleet"
check "gateway health UP" health_up "$GATEWAY/actuator/health"
for entry in "${HB_SERVICES[@]}"; do
  [ "${entry%%:*}" = gateway ] && continue
  check "${entry%%:*} health UP" health_up "http://127.0.0.1:${entry##*:}/actuator/health"
  check "${entry%%:*} readiness reflects db and kafka" readiness_has_db_and_kafka "${entry##*:}"
done
check "LLM simulator answers POST /v1/chat/completions" simulator_answers
check "LLM simulator streams tokens then [DONE]" simulator_streams
check "request id travels gateway -> service log and back" request_id_round_trip
check "one trace id spans gateway and service logs" one_trace_spans_gateway_and_service
check "unrouted path answers 404 problem+json" unrouted_is_problem_json
if [ -f "$HB_ROOT/web/dist/index.html" ]; then
  check "gateway serves the web console at /" console_served
  if [ -x "${HB_CHROMIUM:-/usr/bin/chromium}" ] && [ -d "$HB_ROOT/web/node_modules/playwright-core" ]; then
    check "the console works in headless Chromium (screenshot: .hb/logs/console.png)" console_in_a_browser
  else
    warn "Chromium or playwright-core missing: the browser check of the console did not run"
  fi
fi
check "demo accounts sign in: platform, partner and tenant admin" demo_accounts_sign_in
check "register -> login -> me -> refresh through the gateway; the used refresh token is dead" register_login_me_refresh
check "logout: the session's access token is refused at the gateway within seconds" logout_ends_the_session_at_the_gateway
check "API key: works, 429 + Retry-After over its limit, refused within seconds of revocation" api_key_works_until_revoked
check "the console is served with CSP and nosniff headers" security_headers_on_the_console
check "suspension: 403 at the gateway within 5 s, and 200 within 5 s of reactivation" suspension_reaches_the_gateway
check "isolation matrix from the gateway's routes: another organization's ids answer 404" isolation_matrix
check "tenant created through the gateway opens a billing account (outbox -> Kafka -> inbox)" tenant_reaches_billing
check "agent run through the gateway: SSE text_delta + final_result, SUCCEEDED with the simulator's token counts, replay with Last-Event-ID" executions stream
check "two independent workflow branches take the time of the slower one, not the sum" executions parallel
check "a failing node with an onError edge runs its recovery node" executions recovery
check "the same Idempotency-Key creates one run; another request under it answers 422" executions idempotency
check "kill -9 of the worker mid-run: the run completes, one usage.recorded per node, nothing left RUNNING" executions crash
check "budgets: a run over a tenant's budget answers 402 before it starts; with room it is priced once and the budget shows it" executions budget
check "kill -9 of one service: make up restarts only it, and it catches up" killed_service_restarts_alone_and_catches_up
check "kill -9 of billing-service during 10,000 usage events: exactly 10,000 ledger rows, balance = rows" ledger_survives_kill_during_a_usage_flood
check "an agent with a knowledge base answers through the gateway with citations of the uploaded document's chunks" knowledge cite
check "kill -9 of ingestion-service while 50 documents are indexed: every one READY, as many chunks as a clean run" knowledge crash
# last: its anonymous requests spend the local address's budget for sign-ins (60 a minute)
check "bad-input matrix from the gateway's routes: every endpoint refuses bad input as problem+json and changes nothing" bad_input_matrix

echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
