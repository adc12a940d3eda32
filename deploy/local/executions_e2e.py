#!/usr/bin/env python3
"""End-to-end execution checks through the gateway against the running fleet (make up first).

Usage: executions_e2e.py <gateway> <check> where check is one of
  stream       agent run: SSE shows text_delta and final_result; GET shows SUCCEEDED with the
               token counts the simulator reports for the same messages; a late client and a
               reconnecting one (Last-Event-ID) get the story
  parallel     two independent branches take about the time of the slower one
  recovery     a failing node with an onError edge runs its recovery node
  idempotency  the same Idempotency-Key creates one run
  crash        kill -9 of the worker mid-run: the run completes, each node's provider call is
               recorded once on usage.recorded, nothing is left RUNNING
  budget       a new tenant's budget: a run over it is refused with 402 before it starts; with room,
               the run is priced into the ledger, the budget shows the spend and its hold is let go
Environment: HB_TENANT_ADMIN_EMAIL/PASSWORD (make up writes them), HB_SIMULATOR_PORT, HB_ROOT.
"""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

GATEWAY = sys.argv[1]
CHECK = sys.argv[2]
SIMULATOR = "http://127.0.0.1:%s/v1" % os.environ.get("HB_SIMULATOR_PORT", "8099")
ROOT = os.environ.get("HB_ROOT", os.getcwd())


def fail(message):
    print("    " + message, file=sys.stderr)
    sys.exit(1)


def call(method, path, body=None, token=None, headers=None, expect=None):
    request = urllib.request.Request(GATEWAY + path, method=method)
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status, text, reply_headers = response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, text, reply_headers = error.code, error.read().decode(), dict(error.headers)
    if expect is not None and status != expect:
        fail("%s %s answered %s, expected %s: %s" % (method, path, status, expect, text[:300]))
    return status, (json.loads(text) if text.strip().startswith(("{", "[")) else text), reply_headers


def login():
    _, tokens, _ = call("POST", "/api/v1/auth/login", {"email": os.environ["HB_TENANT_ADMIN_EMAIL"],
                                                       "password": os.environ["HB_TENANT_ADMIN_PASSWORD"]}, expect=200)
    return tokens["accessToken"]


def follow(token, execution, last_event_id=None, timeout=60):
    """Reads the SSE stream until the server ends it; returns [(id, event, data)]."""
    request = urllib.request.Request(GATEWAY + "/api/v1/executions/%s/events" % execution)
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Accept", "text/event-stream")
    if last_event_id:
        request.add_header("Last-Event-ID", last_event_id)
    events, current = [], {}
    with urllib.request.urlopen(request, timeout=timeout) as response:
        for raw in response:
            line = raw.decode().rstrip("\n").rstrip("\r")
            if not line:
                if "data" in current:
                    events.append((current.get("id"), current.get("event", "message"), json.loads(current["data"])))
                current = {}
            elif line.startswith(":"):
                continue
            else:
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                current[field] = current.get(field, "") + value if field == "data" else value
    return events


def agent(token, name, prompt="You are concise."):
    _, created, _ = call("POST", "/api/v1/agents", {"name": name, "systemPrompt": prompt,
                                                    "model": {"provider": "simulator", "name": "sim-1"}},
                         token=token, expect=201)
    return created["id"]


def workflow(token, name, nodes, edges):
    _, created, _ = call("POST", "/api/v1/workflows", {"name": name, "graph": {"nodes": nodes, "edges": edges}},
                         token=token, expect=201)
    return created["id"]


def run_workflow(token, workflow_id, inputs=None, headers=None):
    _, accepted, _ = call("POST", "/api/v1/workflows/%s/executions" % workflow_id, {"input": inputs or {}},
                          token=token, headers=headers, expect=202)
    return accepted["id"]


def execution(token, execution_id):
    return call("GET", "/api/v1/executions/" + execution_id, token=token, expect=200)[1]


def check_stream(token):
    agent_id = agent(token, "Smoke streamer " + uuid.uuid4().hex[:6], "You answer briefly.")
    message = "Tell me about tea [[sim:tokens=30]]"
    _, accepted, headers = call("POST", "/api/v1/agents/%s/executions" % agent_id, {"input": {"message": message}},
                                token=token, expect=202)
    run_id = accepted["id"]
    story = follow(token, run_id)
    names = [event for _, event, _ in story]
    if "text_delta" not in names or names[-1] != "final_result":
        fail("the stream was %s" % names)
    streamed = "".join(data["text"] for _, event, data in story if event == "text_delta")
    view = execution(token, run_id)
    if view["status"] != "SUCCEEDED" or view["output"] != streamed:
        fail("GET shows %s with output %r, the stream %r" % (view["status"], view["output"], streamed))
    # what the simulator reports for exactly these messages
    request = urllib.request.Request(SIMULATOR + "/chat/completions", method="POST", data=json.dumps({
        "model": "sim-1", "messages": [{"role": "system", "content": "You answer briefly."},
                                        {"role": "user", "content": message}]}).encode())
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        usage = json.loads(response.read())["usage"]
    if (view["usage"]["inputTokens"], view["usage"]["outputTokens"]) != (usage["prompt_tokens"],
                                                                          usage["completion_tokens"]):
        fail("usage %s but the simulator reports %s" % (view["usage"], usage))
    if view["steps"][0]["status"] != "SUCCEEDED" or view["steps"][0]["durationMs"] is None:
        fail("steps %s" % view["steps"])
    late = follow(token, run_id)
    if late != story:
        fail("a client after the end got %d of %d events" % (len(late), len(story)))
    resumed = follow(token, run_id, last_event_id=story[2][0])
    if resumed != story[3:]:
        fail("a client reconnecting after event %s got %d events, not %d" % (story[2][0], len(resumed),
                                                                            len(story) - 3))
    print("    %d events, %d deltas, usage %s" % (len(story), names.count("text_delta"), view["usage"]))


def check_parallel(token):
    agent_id = agent(token, "Smoke branch " + uuid.uuid4().hex[:6])
    slow = "[[sim:latency_ms=2000]] [[sim:tokens=5]]"
    workflow_id = workflow(token, "Parallel " + uuid.uuid4().hex[:6], [
        {"id": "left", "type": "agent", "config": {"agentId": agent_id, "prompt": "left " + slow}},
        {"id": "right", "type": "agent", "config": {"agentId": agent_id, "prompt": "right " + slow}},
        {"id": "join", "type": "template", "config": {"template": "{{nodes.left.output}} | {{nodes.right.output}}"}},
    ], [{"from": "left", "to": "join"}, {"from": "right", "to": "join"}])
    started = time.monotonic()
    run_id = run_workflow(token, workflow_id)
    story = follow(token, run_id)
    took = time.monotonic() - started
    if story[-1][1] != "final_result":
        fail("ended with %s" % story[-1][1])
    if not 2.0 <= took < 3.5:
        fail("took %.2f s: two 2 s branches side by side should take a little over 2 s, in a row 4 s" % took)
    print("    two 2 s branches and a join: %.2f s" % took)


def check_recovery(token):
    agent_id = agent(token, "Smoke recovery " + uuid.uuid4().hex[:6])
    workflow_id = workflow(token, "Recovery " + uuid.uuid4().hex[:6], [
        {"id": "draft", "type": "agent", "config": {"agentId": agent_id, "prompt": "draft [[sim:error=400]]"}},
        {"id": "publish", "type": "template", "config": {"template": "published {{nodes.draft.output}}"}},
        {"id": "recover", "type": "agent", "config": {"agentId": agent_id,
                                                      "prompt": "Recover from: {{nodes.draft.error}}"}},
    ], [{"from": "draft", "to": "publish"}, {"from": "draft", "to": "recover", "onError": True}])
    run_id = run_workflow(token, workflow_id)
    story = follow(token, run_id)
    view = execution(token, run_id)
    steps = {step["nodeId"]: step["status"] for step in view["steps"]}
    if view["status"] != "SUCCEEDED" or steps != {"draft": "FAILED", "publish": "SKIPPED", "recover": "SUCCEEDED"}:
        fail("status %s, steps %s" % (view["status"], steps))
    print("    draft FAILED -> recover SUCCEEDED, publish SKIPPED")


def check_idempotency(token):
    agent_id = agent(token, "Smoke idempotent " + uuid.uuid4().hex[:6])
    key = {"Idempotency-Key": "smoke-" + uuid.uuid4().hex}
    path = "/api/v1/agents/%s/executions" % agent_id
    _, first, _ = call("POST", path, {"input": {"message": "once"}}, token=token, headers=key, expect=202)
    _, second, headers = call("POST", path, {"input": {"message": "once"}}, token=token, headers=key, expect=202)
    if first["id"] != second["id"] or headers.get("Idempotent-Replayed") != "true":
        fail("two runs: %s and %s" % (first["id"], second["id"]))
    status, problem, _ = call("POST", path, {"input": {"message": "other"}}, token=token, headers=key)
    if status != 422:
        fail("a different request with the same key answered %s" % status)
    _, page, _ = call("GET", "/api/v1/executions?size=200", token=token, expect=200)
    if sum(1 for item in page["items"] if item["agentId"] == agent_id) != 1:
        fail("the agent has more than one run")


def check_crash(token):
    agent_id = agent(token, "Smoke crash " + uuid.uuid4().hex[:6])
    long = "[[sim:tokens=120]] [[sim:delay_ms=25]]"
    workflow_id = workflow(token, "Crash " + uuid.uuid4().hex[:6], [
        {"id": "one", "type": "agent", "config": {"agentId": agent_id, "prompt": "one " + long}},
        {"id": "two", "type": "agent", "config": {"agentId": agent_id, "prompt": "two {{nodes.one.output}} " + long}},
        {"id": "three", "type": "agent", "config": {"agentId": agent_id, "prompt": "three " + long}},
    ], [{"from": "one", "to": "two"}, {"from": "two", "to": "three"}])
    run_id = run_workflow(token, workflow_id)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        steps = {step["nodeId"]: step["status"] for step in execution(token, run_id)["steps"]}
        if steps.get("one") == "SUCCEEDED" and steps.get("two") == "RUNNING":
            break
        time.sleep(0.1)
    else:
        fail("node two never started")
    pid = open(os.path.join(ROOT, ".hb/run/worker-service.pid")).read().strip()
    os.kill(int(pid), 9)
    killed = time.monotonic()
    subprocess.run([os.path.join(ROOT, "deploy/local/fleet.sh"), "up"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    view = execution(token, run_id)
    while view["status"] in ("PENDING", "RUNNING") and time.monotonic() < deadline:
        time.sleep(0.5)
        view = execution(token, run_id)
    if view["status"] != "SUCCEEDED":
        fail("after the kill the run ended %s: %s" % (view["status"], view.get("error")))
    steps = {step["nodeId"]: (step["status"], step["attempts"]) for step in view["steps"]}
    if steps["one"] != ("SUCCEEDED", 1) or any(status != "SUCCEEDED" for status, _ in steps.values()):
        fail("steps after resume: %s" % steps)
    recorded = subprocess.run(
        ["bash", "-c", 'source "%s/deploy/local/lib.sh"; ensure_java; "$JAVA_HOME/bin/java" -cp "$HB_STATE/kafka/libs/*" '
                       '"%s/deploy/local/kafka/TopicGrep.java" 127.0.0.1:${HB_KAFKA_PORT:-9092} usage.recorded %s 30'
         % (ROOT, ROOT, run_id)], capture_output=True, text=True, check=True).stdout.split("\n")
    usages = [json.loads(line) for line in recorded if line.strip()]
    ids = [usage["id"] for usage in usages]
    nodes = sorted(usage["data"]["nodeId"] for usage in usages)
    if len(ids) != len(set(ids)) or nodes != ["one", "three", "two"]:
        fail("usage.recorded for the run: %d records, %d distinct ids, nodes %s" % (len(ids), len(set(ids)), nodes))
    tokens = sum(usage["data"]["outputTokens"] for usage in usages)
    if tokens != view["usage"]["outputTokens"]:
        fail("usage.recorded has %d output tokens, the execution %d" % (tokens, view["usage"]["outputTokens"]))
    print("    resumed and finished %.1f s after the kill; steps %s; usage.recorded: %d ids, one per node"
          % (time.monotonic() - killed, steps, len(ids)))


def check_budget(_):
    # a tenant of its own: the demo tenant's other checks must not meet a budget
    email = "budget-%s@example.com" % uuid.uuid4().hex[:10]
    call("POST", "/api/v1/auth/register", {"email": email, "password": "budget smoke passphrase",
                                            "name": "Budget", "companyName": "Budget Co " + email}, expect=201)
    token = call("POST", "/api/v1/auth/login", {"email": email, "password": "budget smoke passphrase"},
                 expect=200)[1]["accessToken"]
    agent_id = agent(token, "Budgeted")
    path = "/api/v1/agents/%s/executions" % agent_id
    call("PUT", "/api/v1/budgets", {"limitMicros": 1}, token=token, expect=200)
    deadline = time.monotonic() + 20
    while True:   # orchestration learns of the budget from billing.events within moments
        status, problem, headers = call("POST", path, {"input": {"message": "too dear"}}, token=token)
        if status == 402 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    if status != 402 or not str(problem.get("type", "")).endswith("/budget-exceeded") or "Retry-After" not in headers:
        fail("a run over a 1 micro-USD budget answered %s: %s" % (status, problem))
    call("PUT", "/api/v1/budgets", {"limitMicros": 10_000_000}, token=token, expect=200)
    _, accepted, _ = call("POST", path, {"input": {"message": "within budget [[sim:tokens=20]]"}}, token=token,
                          expect=202)
    events = follow(token, accepted["id"])
    if events[-1][1] != "final_result":
        fail("the budgeted run ended with %s" % events[-1][1])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        budget = call("GET", "/api/v1/budgets", token=token, expect=200)[1]["items"][0]
        entries = call("GET", "/api/v1/ledger", token=token, expect=200)[1]["items"]
        priced = [e for e in entries if e.get("executionId") == accepted["id"]]
        if budget["spentMicros"] > 0 and budget["reservedMicros"] == 0 and priced:
            break
        time.sleep(0.5)
    else:
        fail("after the run: budget %s, ledger rows %s" % (budget, entries))
    # runs accepted before orchestration learned of the budget were priced too: all count
    if budget["spentMicros"] != sum(e["priceMicros"] for e in entries):
        fail("the budget shows %s spent, the ledger's rows add up to %s"
             % (budget["spentMicros"], sum(e["priceMicros"] for e in entries)))
    print("    refused over 1 micro-USD; with room the run cost %d micro-USD; the month's spend (%d) is the ledger's "
          "sum and the hold is gone" % (priced[0]["priceMicros"], budget["spentMicros"]))


CHECKS = {"stream": check_stream, "parallel": check_parallel, "recovery": check_recovery,
          "idempotency": check_idempotency, "crash": check_crash, "budget": check_budget}

if __name__ == "__main__":
    CHECKS[CHECK](login())
