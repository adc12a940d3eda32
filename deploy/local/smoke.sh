#!/usr/bin/env bash
# End-to-end checks against the running fleet (make up first): health of every process, the LLM
# simulator, routing with request ids through the gateway, the tenant.events outbox -> inbox
# flow between tenant-service and billing-service, and recovery of a killed service.
source "$(dirname "$0")/lib.sh"
passed=0 failed=0
GATEWAY="http://127.0.0.1:8080"
PSQL=(admin_psql -At -d hirebuddha)
RUN_ID="$$-$RANDOM"   # fresh ids every run: the logs are appended to, never rotated

check() {
  local name="$1"; shift
  if "$@"; then
    passed=$((passed + 1)); printf '  \033[32mok\033[0m   %s\n' "$name"
  else
    failed=$((failed + 1)); printf '  \033[31mFAIL\033[0m %s\n' "$name"
  fi
}

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

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
  headers="$(curl -sS -D - -o /dev/null --max-time 5 -H "X-Request-Id: $id" "$GATEWAY/api/v1/tenants")"
  grep -qi "^x-request-id: $id" <<<"$headers" &&
    wait_for 5 grep -q "\"requestId\":\"$id\"" "$HB_LOGS/tenant-service.log"
}

# the gateway's span and the service's share one trace id (W3C traceparent), visible in both logs
one_trace_spans_gateway_and_service() {
  local id="smoke-trace-$RUN_ID" gateway_trace service_trace
  curl -fsS -o /dev/null --max-time 5 -H "X-Request-Id: $id" "$GATEWAY/api/v1/tenants?size=1" || return 1
  wait_for 5 grep -q "\"requestId\":\"$id\"" "$HB_LOGS/tenant-service.log" || return 1
  gateway_trace="$(grep -h "\"requestId\":\"$id\"" "$HB_LOGS/gateway.log" | grep -o '"traceId":"[0-9a-f]*"' | tail -1)"
  service_trace="$(grep -h "\"requestId\":\"$id\"" "$HB_LOGS/tenant-service.log" | grep -o '"traceId":"[0-9a-f]*"' | tail -1)"
  [ -n "$gateway_trace" ] && [ "$gateway_trace" = "$service_trace" ]
}

unrouted_is_problem_json() {
  local headers
  headers="$(curl -sS -D - -o /dev/null --max-time 5 "$GATEWAY/api/v1/no-such-area")"
  grep -q ' 404' <<<"$headers" && grep -qi '^content-type: application/problem+json' <<<"$headers"
}

console_served() {
  curl -fsS --max-time 5 "$GATEWAY/" | grep -q '<title>HireBuddha console</title>'
}

console_in_a_browser() {
  (cd "$HB_ROOT/web" && node e2e/console.e2e.mjs "$GATEWAY" "$HB_LOGS/console.png")
}

create_tenant() {
  curl -fsS --max-time 10 "$GATEWAY/api/v1/tenants" -H 'Content-Type: application/json' \
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
check "tenant created through the gateway opens a billing account (outbox -> Kafka -> inbox)" tenant_reaches_billing
check "kill -9 of one service: make up restarts only it, and it catches up" killed_service_restarts_alone_and_catches_up

echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
