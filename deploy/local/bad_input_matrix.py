#!/usr/bin/env python3
"""Bad-input matrix against the running fleet (make smoke runs it).

Like the isolation matrix, its endpoint list is not hand-picked: it is every handler of every
service (each service's /actuator/mappings) whose path falls under a gateway route. Each endpoint
has a fixture below: who calls it and a valid request. The matrix first sends that valid request,
which must succeed (or answer the status the fixture names), proving the endpoint is reached; an
endpoint without a fixture fails the matrix. Then it sends bad inputs derived from the valid one:

  - every string in the body: U+0000, a lone high and a lone low UTF-16 surrogate;
  - every integer: a fraction, 1e30, 2^63 and the number as a string; every number: a string and
    1e400; every boolean: a string and 1;
  - every id the body or query names: a random id and another tenant's object (same answer);
  - paging: page 2^31-1, -1 and 1.5, size 0 and 100000; every query value: %00 and broken UTF-8;
  - headers: a non-ASCII and an oversized Idempotency-Key, a 20 KB header, a non-ASCII
    Last-Event-ID; an unparsable path variable; a 2.5 MB body and a body that is not JSON.

It fails on any 5xx, on an answer that is not problem+json with a type, on a bad input accepted
(2xx), on another tenant's id answered differently from a random one, and on a refused request
that changed something: a fingerprint of every service's tables (rows and their content) is
taken before and after each endpoint's bad inputs, and must not move.
Standard library only (and psql, for the fingerprint).
"""
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from isolation_matrix import covered, routed_services  # noqa: E402

GATEWAY = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
ROUTES_YML = sys.argv[2] if len(sys.argv) > 2 else "gateway/src/main/resources/application.yml"
HOST, PORT = urllib.parse.urlsplit(GATEWAY).hostname, urllib.parse.urlsplit(GATEWAY).port or 80
RUN = uuid.uuid4().hex[:10]
PASSWORD = "Amber-Falcon-Orchard-47"
SCHEMAS = ("auth", "tenant", "orchestration", "worker", "billing", "ingestion", "notification")
# event plumbing, rewritten by relays all the time; not state a request changes
NOT_STATE = ("outbox_event", "inbox_event", "flyway_schema_history")
RAW_INFINITY = "__hb_raw_1e400__"
OVERSIZED = object()  # a body declared as 2.6 MB: the gateway refuses it before reading a byte


# ---------------------------------------------------------------- HTTP

def send(method, path, token=None, body=None, headers=None, raw_body=None, stream=False):
    """One request; header values may be bytes (sent as they are). Answers (status, headers, body)."""
    for attempt in range(4):
        connection = http.client.HTTPConnection(HOST, PORT, timeout=15)
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            data = None if raw_body is OVERSIZED else raw_body
            if raw_body is OVERSIZED:
                connection.putheader("Content-Type", "application/json")
                connection.putheader("Content-Length", "2600000")
            elif data is None and body is not None:
                data = json.dumps(body).replace('"' + RAW_INFINITY + '"', "1e400").encode()
            if data is not None:
                connection.putheader("Content-Type", "application/json")
                connection.putheader("Content-Length", str(len(data)))
            if token:
                connection.putheader("Authorization", "Bearer " + token)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders(None if raw_body is OVERSIZED else data)
            response = connection.getresponse()
            payload = response.read(4096) if stream else response.read()
            status, reply = response.status, {k.lower(): v for k, v in response.getheaders()}
        except (ConnectionError, http.client.HTTPException, OSError) as error:
            # the gateway closes the connection after answering an oversized body or header
            return 0, {}, str(error).encode()
        finally:
            connection.close()
        if status == 429 and b"rate-limited" in payload and attempt < 3:
            # the matrix's own pace (anonymous endpoints are 60/min per address): wait, retry
            time.sleep(min(30, int(reply.get("retry-after", "2"))))
            continue
        return status, reply, payload
    return status, reply, payload


def json_of(payload):
    try:
        return json.loads(payload)
    except ValueError:
        return None


def call(method, path, token=None, body=None, expect=None):
    status, _, payload = send(method, path, token, body)
    if expect is not None and status not in expect:
        raise SystemExit(f"matrix setup: {method} {path} answered {status}: {payload[:300]!r}")
    return status, json_of(payload)


# ---------------------------------------------------------------- database fingerprint

PSQL = None


def psql(sql):
    global PSQL
    if PSQL is None:
        direct = ["psql", "-X", "-w", "-h", os.environ.get("HB_PG_HOST", "127.0.0.1"), "-p",
                  os.environ.get("HB_PG_PORT", "5432"), "-U", os.environ.get("HB_PG_SUPERUSER", "postgres"),
                  "-d", "hirebuddha", "-At"]
        probe = subprocess.run(direct + ["-c", "select 1"], capture_output=True, text=True)
        PSQL = direct if probe.returncode == 0 else ["runuser", "-u", "postgres", "--", "psql", "-X", "-w", "-p",
                                                      os.environ.get("HB_PG_PORT", "5432"), "-d", "hirebuddha", "-At"]
    result = subprocess.run(PSQL + ["-c", sql], capture_output=True, text=True, cwd="/")
    if result.returncode != 0:
        raise SystemExit("matrix: psql failed: " + result.stderr)
    return result.stdout


def tables():
    rows = psql("select table_schema || '.' || table_name from information_schema.tables "
                f"where table_schema in {SCHEMAS} and table_type = 'BASE TABLE' order by 1")
    return rows.split()


ALL_TABLES, TABLES = [], []


def fingerprint():
    """Every row of every service table, hashed, one line per table in table order: a change anywhere moves it."""
    parts = [f"select '{t}' as t, count(*), coalesce(sum(hashtext(x::text)::bigint), 0) from {t} x" for t in TABLES]
    return psql(" union all ".join(parts) + " order by 1")


def in_flight():
    """Work still under way: runs not finished, events not yet relayed. Their effects would land mid-check."""
    outboxes = [f"select count(*) c from {schema}.outbox_event where published_at is null and parked_at is null"
                for schema in sorted({t.split(".")[0] for t in ALL_TABLES if t.endswith(".outbox_event")})]
    runs = ["select count(*) c from orchestration.execution where status in ('PENDING', 'RUNNING')",
            "select count(*) c from worker.run where status in ('QUEUED', 'RUNNING')",
            "select count(*) c from ingestion.document where status not in ('READY', 'FAILED')"]
    return int(psql("select coalesce(sum(c), 0) from (" + " union all ".join(outboxes + runs) + ") busy").strip())


def settled():
    """The fingerprint once asynchronous effects of earlier calls (runs, events) have landed: the same
    fingerprint three reads in a row with nothing in flight, or thirteen reads (5 s) in a row whatever is
    in flight (a run parked on purpose). A minute at most, then what there is."""
    last, same = fingerprint(), 0
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.4)
        now = fingerprint()
        same = same + 1 if now == last else 0
        last = now
        if same >= 12 or (same >= 2 and in_flight() == 0):
            return now
    return last


def changed_tables(before, after):
    a, b = dict(line.split("|", 1) for line in before.split()), dict(line.split("|", 1) for line in after.split())
    return sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t))


# ---------------------------------------------------------------- the world the matrix works in

class World:
    """Objects of a subject tenant (the caller), of a stranger tenant (foreign ids), a partner."""

    def __init__(self):
        env = os.environ
        self.platform = login(env["HB_PLATFORM_ADMIN_EMAIL"], env["HB_PLATFORM_ADMIN_PASSWORD"])
        # a partner admin (the demo partner's) with a tenant of its own
        self.partner_admin = login(env["HB_PARTNER_ADMIN_EMAIL"], env["HB_PARTNER_ADMIN_PASSWORD"])
        demo_partner = call("GET", "/api/v1/auth/me", self.partner_admin, expect=(200,))[1]["partnerId"]
        self.partner_tenant = call("POST", f"/api/v1/partners/{demo_partner}/tenants", self.partner_admin, {
            "name": "Matrix Partner Tenant " + RUN, "adminEmail": f"matrix-pt-{RUN}@example.com",
            "adminPassword": PASSWORD}, expect=(201,))[1]["id"]
        self.email = f"matrix-{RUN}@example.com"
        self.tenant_id = register(self.email, "Matrix Co " + RUN)
        self.admin = login(self.email, PASSWORD)
        # its plan's rate limit: the matrix sends more than a tenant's 600 a minute
        call("PATCH", f"/api/v1/tenants/{self.tenant_id}", self.platform,
             {"limits": {"requestsPerMinute": 100000}}, expect=(200,))
        stranger_email = f"matrix-stranger-{RUN}@example.com"
        self.stranger_tenant = register(stranger_email, "Matrix Stranger " + RUN)
        stranger = login(stranger_email, PASSWORD)
        self.key = create_key(self.admin, "matrix")
        self.doomed_key = create_key(self.admin, "matrix-doomed")
        self.agent = create_agent(self.admin, "Matrix agent")
        self.doomed_agent = create_agent(self.admin, "Matrix doomed agent")
        self.workflow = create_workflow(self.admin, self.agent)
        self.doomed_workflow = create_workflow(self.admin, self.agent)
        self.execution = run_to_end(self.admin, self.agent)
        self.knowledge_base = create_knowledge_base(self.admin, "Matrix knowledge")
        self.doomed_knowledge_base = create_knowledge_base(self.admin, "Matrix doomed knowledge")
        self.document = upload_text(self.admin, self.knowledge_base, "matrix.md")
        self.doomed_document = upload_text(self.admin, self.knowledge_base, "matrix-doomed.md")
        self.partner = call("POST", "/api/v1/partners", self.platform, {"name": "Matrix Partner " + RUN},
                            expect=(201,))[1]["id"]
        self.throwaway = call("POST", "/api/v1/tenants", self.platform, {"name": "Matrix Throwaway " + RUN},
                              expect=(201,))[1]["id"]
        last_month = time.strftime("%Y-%m", time.gmtime(time.time() - 86400 * (time.gmtime().tm_mday + 1)))
        self.last_month = last_month
        self.invoice = call("POST", "/api/v1/invoices", self.platform,
                            {"tenantId": self.tenant_id, "period": last_month}, expect=(200, 201))[1]["id"]
        self.ledger_entry = ledger_entry(self.admin, self.execution)
        self.foreign = {
            "tenant": self.stranger_tenant,
            "api-key": create_key(stranger, "stranger"),
            "agent": create_agent(stranger, "Stranger agent"),
            "knowledge-base": create_knowledge_base(stranger, "Stranger knowledge"),
            "partner": call("POST", "/api/v1/partners", self.platform, {"name": "Matrix Other " + RUN},
                            expect=(201,))[1]["id"],
        }
        self.ids = {"tenant": self.tenant_id, "api-key": self.key, "agent": self.agent, "workflow": self.workflow,
                    "execution": self.execution, "partner": self.partner,
                    "throwaway": self.throwaway, "invoice": self.invoice, "ledger-entry": self.ledger_entry,
                    "doomed-key": self.doomed_key, "doomed-agent": self.doomed_agent,
                    "doomed-workflow": self.doomed_workflow, "knowledge-base": self.knowledge_base,
                    "doomed-knowledge-base": self.doomed_knowledge_base, "document": self.document,
                    "doomed-document": self.doomed_document}
        self.sequence = 0

    def unique(self, stem):
        self.sequence += 1
        return f"{stem}-{RUN}-{self.sequence}"

    def fresh_login(self):
        return call("POST", "/api/v1/auth/login", body={"email": self.email, "password": PASSWORD},
                    expect=(200,))[1]


def login(email, password):
    return call("POST", "/api/v1/auth/login", body={"email": email, "password": password},
                expect=(200,))[1]["accessToken"]


def register(email, company):
    return call("POST", "/api/v1/auth/register", body={"email": email, "password": PASSWORD, "name": "Matrix",
                                                       "companyName": company}, expect=(201,))[1]["tenantId"]


def create_key(token, name):
    scopes = ["agents:read", "agents:write", "agents:run", "workflows:read", "workflows:write", "workflows:run",
              "billing:read", "tenants:read"]
    return call("POST", "/api/v1/api-keys", token, {"name": name, "scopes": scopes}, expect=(201,))[1]["id"]


def agent_body(name):
    return {"name": name, "systemPrompt": "You help.", "model": {"provider": "simulator", "name": "sim-1",
                                                                 "temperature": 0.5, "maxTokens": 64},
            "knowledgeBaseIds": [], "tools": ["http"]}


def create_agent(token, name):
    return call("POST", "/api/v1/agents", token, agent_body(name), expect=(201,))[1]["id"]


def create_knowledge_base(token, name):
    return call("POST", "/api/v1/knowledge-bases", token, {"name": name}, expect=(201,))[1]["id"]


def upload_text(token, knowledge_base, name):
    accepted = call("POST", f"/api/v1/knowledge-bases/{knowledge_base}/documents", token,
                    {"name": name, "text": "# Matrix\n\nA document the bad-input matrix searches."}, expect=(202,))
    return accepted[1]["items"][0]["id"]


def graph(agent):
    return {"nodes": [
        {"id": "ask", "type": "agent", "config": {"agentId": agent, "prompt": "{{input.q}}", "retries": 1}},
        {"id": "check", "type": "condition", "config": {"expression": "input.n > 2"}},
        {"id": "say", "type": "template", "config": {"template": "said {{nodes.ask.output}}"}}],
        "edges": [{"from": "ask", "to": "check"}, {"from": "check", "to": "say", "when": True}]}


def create_workflow(token, agent):
    return call("POST", "/api/v1/workflows", token, {"name": "Matrix flow", "graph": graph(agent)},
                expect=(201,))[1]["id"]


def start_run(token, agent, message):
    return call("POST", f"/api/v1/agents/{agent}/executions", token,
                {"input": {"message": message}}, expect=(202,))[1]["id"]


def run_to_end(token, agent):
    execution = start_run(token, agent, "matrix [[sim:tokens=3]]")
    for _ in range(100):
        if call("GET", f"/api/v1/executions/{execution}", token)[1]["status"] in ("SUCCEEDED", "FAILED"):
            return execution
        time.sleep(0.2)
    raise SystemExit("matrix setup: the subject's run never ended")


def ledger_entry(token, execution):
    for _ in range(100):
        status, page = call("GET", "/api/v1/ledger?size=1000", token)
        for entry in (page or {}).get("items", []):
            if entry.get("executionId") == execution:
                return str(entry["id"])
        time.sleep(0.2)
    raise SystemExit("matrix setup: the subject's run never reached the ledger")


# ---------------------------------------------------------------- fixtures

def F(caller, body=None, path=None, query=None, ids=None, free=(), expect=(200, 201, 202, 204), paged=False,
      last=False, stream=False, headers=None):
    """caller: admin | platform | anonymous; body: a request body or a function of the world; path: path
    variable -> kind of the world's object (or a literal); ids: body or query field -> kind of object it
    names; free: free-form parts of the body (only text is checked there); last: the valid request is
    destructive and goes after the bad ones."""
    return dict(caller=caller, body=body, path=path or {}, query=query or {}, ids=ids or {}, free=free,
                expect=expect, paged=paged, last=last, stream=stream, headers=headers or {})


STATUS = {"reason": "bad-input matrix", "reasonCode": "MANUAL"}
FIXTURES = {
    ("GET", "/.well-known/jwks.json"): F("anonymous"),
    # sign-up and sign-in
    ("POST", "/api/v1/auth/register"): F("anonymous", lambda w: {
        "email": w.unique("matrix-reg") + "@example.com", "password": PASSWORD, "name": "Matrix",
        "companyName": w.unique("Matrix Reg Co")}),
    ("POST", "/api/v1/auth/login"): F("anonymous", lambda w: {"email": w.email, "password": PASSWORD}),
    ("POST", "/api/v1/auth/refresh"): F("anonymous", lambda w: {"refreshToken": w.fresh_login()["refreshToken"]}),
    ("POST", "/api/v1/auth/logout"): F("session", lambda w: {"refreshToken": "hbr_not-needed"}, last=True),
    ("GET", "/api/v1/auth/me"): F("admin"),
    # one-time tokens come by email: a made-up one reaches the handler and is refused for itself
    ("POST", "/api/v1/auth/verify-email"): F("anonymous", {"token": "hbt_matrix-made-up"}, expect=(422,)),
    ("POST", "/api/v1/auth/password-reset"): F("anonymous", lambda w: {"email": w.email}),
    ("POST", "/api/v1/auth/password-reset/confirm"): F("anonymous", {"token": "hbt_matrix-made-up",
                                                                      "password": PASSWORD}, expect=(422,)),
    ("POST", "/api/v1/auth/invitations"): F("admin", lambda w: {"email": w.unique("matrix-inv") + "@example.com",
                                                                 "role": "TENANT_MEMBER"}),
    ("POST", "/api/v1/auth/invitations/accept"): F("anonymous", {"token": "hbi_matrix-made-up", "name": "Sam",
                                                                  "password": PASSWORD}, expect=(422,)),
    ("POST", "/api/v1/auth/tenant-admins"): F("platform", lambda w: {
        "tenantId": w.throwaway, "email": w.unique("matrix-adm") + "@example.com", "name": "Lena",
        "password": PASSWORD}, ids={"tenantId": "tenant"}),
    ("GET", "/api/v1/auth/sso/providers"): F("anonymous"),
    ("POST", "/api/v1/auth/sso/exchange"): F("anonymous", {"code": "matrix-made-up"}, expect=(401,)),
    # API keys
    ("POST", "/api/v1/api-keys"): F("admin", lambda w: {
        "name": w.unique("matrix-key"), "scopes": ["agents:read"], "expiresAt": "2099-01-01T00:00:00Z",
        "rateLimitPerMinute": 600}),
    ("GET", "/api/v1/api-keys"): F("admin", paged=True),
    ("DELETE", "/api/v1/api-keys/{id}"): F("admin", path={"id": "doomed-key"}, last=True),
    # organizations
    ("POST", "/api/v1/tenants"): F("platform", lambda w: {"name": w.unique("Matrix Tenant")}),
    ("GET", "/api/v1/tenants"): F("platform", paged=True),
    ("GET", "/api/v1/tenants/{id}"): F("admin", path={"id": "tenant"}),
    ("PATCH", "/api/v1/tenants/{id}"): F("platform", lambda w: {
        "name": "Matrix Co " + RUN, "subdomain": "matrix-" + RUN,
        "limits": {"requestsPerMinute": 100000, "monthlyTokenBudget": 900000000000, "storageMb": 2048},
        "defaultModel": "simulator/sim-1"}, path={"id": "tenant"}),
    ("GET", "/api/v1/tenants/{id}/status-history"): F("admin", path={"id": "tenant"}),
    ("POST", "/api/v1/tenants/{id}/suspend"): F("platform", STATUS, path={"id": "throwaway"}),
    ("POST", "/api/v1/tenants/{id}/activate"): F("platform", {"reason": "bad-input matrix"},
                                                 path={"id": "throwaway"}),
    ("POST", "/api/v1/tenants/{id}/close"): F("platform", STATUS, path={"id": "throwaway"}, last=True),
    ("POST", "/api/v1/partners"): F("platform", lambda w: {"name": w.unique("Matrix Partner")}),
    ("GET", "/api/v1/partners"): F("platform", paged=True),
    ("GET", "/api/v1/partners/{id}"): F("platform", path={"id": "partner"}),
    ("POST", "/api/v1/partners/{id}/suspend"): F("platform", STATUS, path={"id": "partner"}),
    ("POST", "/api/v1/partners/{id}/activate"): F("platform", {"reason": "bad-input matrix"},
                                                  path={"id": "partner"}),
    ("POST", "/api/v1/partners/{id}/tenants"): F("platform", lambda w: {
        "name": w.unique("Matrix Onboarded"), "adminEmail": w.unique("matrix-onb") + "@example.com",
        "adminName": "Maria", "adminPassword": PASSWORD}, path={"id": "partner"}),
    # agents, workflows, runs
    ("POST", "/api/v1/knowledge-bases"): F("admin", {"name": "Matrix made", "description": "d",
                                                     "chunking": {"chunkTokens": 128, "overlapTokens": 16}}),
    ("GET", "/api/v1/knowledge-bases"): F("admin", paged=True),
    ("GET", "/api/v1/knowledge-bases/{id}"): F("admin", path={"id": "knowledge-base"}),
    ("PATCH", "/api/v1/knowledge-bases/{id}"): F("admin", {"description": "Matrix patched",
                                                           "chunking": {"chunkTokens": 256, "overlapTokens": 32}},
                                                 path={"id": "knowledge-base"}),
    ("DELETE", "/api/v1/knowledge-bases/{id}"): F("admin", path={"id": "doomed-knowledge-base"}, last=True),
    ("POST", "/api/v1/knowledge-bases/{id}/search"): F("admin", {"query": "matrix", "topK": 3, "mode": "hybrid",
                                                                 "minScore": 0.1}, path={"id": "knowledge-base"},
                                                       free=("query",)),
    ("GET", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents"): F(
        "admin", {"status": "READY"}, path={"knowledgeBaseId": "knowledge-base"}, paged=True),
    ("POST", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents"): F(
        "admin", {"name": "matrix-made.txt", "text": "Made by the matrix.", "metadata": {"team": "matrix"}},
        path={"knowledgeBaseId": "knowledge-base"}, free=("text",), expect=(202,)),
    ("GET", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{id}"): F(
        "admin", path={"knowledgeBaseId": "knowledge-base", "id": "document"}),
    ("DELETE", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{id}"): F(
        "admin", path={"knowledgeBaseId": "knowledge-base", "id": "doomed-document"}, last=True),
    # the valid request goes last: it sends the document through the pipeline again
    ("POST", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{id}/reindex"): F(
        "admin", path={"knowledgeBaseId": "knowledge-base", "id": "document"}, expect=(202,), last=True),
    ("POST", "/api/v1/agents"): F("admin", agent_body("Matrix made")),
    ("GET", "/api/v1/agents"): F("admin", paged=True),
    ("GET", "/api/v1/agents/{id}"): F("admin", path={"id": "agent"}),
    ("PUT", "/api/v1/agents/{id}"): F("admin", agent_body("Matrix agent"), path={"id": "agent"}),
    ("DELETE", "/api/v1/agents/{id}"): F("admin", path={"id": "doomed-agent"}, last=True),
    ("GET", "/api/v1/agents/{id}/versions"): F("admin", path={"id": "agent"}, paged=True),
    ("GET", "/api/v1/agents/{id}/versions/{version}"): F("admin", path={"id": "agent", "version": "1"}),
    ("POST", "/api/v1/agents/{id}/executions"): F("admin", {"input": {"message": "hi [[sim:tokens=2]]", "n": 3}},
                                                  path={"id": "agent"}, free=("input",)),
    ("POST", "/api/v1/workflows/validate"): F("admin", lambda w: {"graph": graph(w.agent)}, free=("graph",)),
    ("POST", "/api/v1/workflows"): F("admin", lambda w: {"name": "Matrix made flow", "graph": graph(w.agent)},
                                     free=("graph",), ids={"graph.nodes[0].config.agentId": "agent"}),
    ("GET", "/api/v1/workflows"): F("admin", paged=True),
    ("GET", "/api/v1/workflows/templates"): F("admin"),
    ("POST", "/api/v1/workflows/templates/{template}/instantiate"): F(
        "admin", {"model": {"provider": "simulator", "name": "sim-1", "temperature": 0.2, "maxTokens": 64}},
        path={"template": "career-assistant"}),
    ("GET", "/api/v1/workflows/{id}"): F("admin", path={"id": "workflow"}),
    ("PUT", "/api/v1/workflows/{id}"): F("admin", lambda w: {"name": "Matrix flow", "graph": graph(w.agent)},
                                         path={"id": "workflow"}, free=("graph",),
                                         ids={"graph.nodes[0].config.agentId": "agent"}),
    ("DELETE", "/api/v1/workflows/{id}"): F("admin", path={"id": "doomed-workflow"}, last=True),
    ("POST", "/api/v1/workflows/{id}/executions"): F("admin", {"input": {"q": "hello", "n": 3}},
                                                     path={"id": "workflow"}, free=("input",)),
    ("GET", "/api/v1/executions"): F("admin", query={"status": "SUCCEEDED"}, paged=True),
    ("GET", "/api/v1/executions/{id}"): F("admin", path={"id": "execution"}),
    ("GET", "/api/v1/executions/{id}/events"): F("admin", path={"id": "execution"}, stream=True,
                                                 headers={"Last-Event-ID": "0"}),
    # the subject's run has ended: cancelling it is refused for that, by the handler
    ("POST", "/api/v1/executions/{id}/cancel"): F("admin", path={"id": "execution"}, expect=(409,)),
    # models and keys
    ("GET", "/api/v1/models"): F("admin"),
    ("GET", "/api/v1/providers"): F("admin"),
    ("PUT", "/api/v1/providers/{provider}"): F("admin", {"apiKey": "sk-matrix-0123456789"},
                                               path={"provider": "anthropic"}),
    ("DELETE", "/api/v1/providers/{provider}"): F("admin", path={"provider": "anthropic"}, last=True),
    # billing
    # a partner admin names its own tenant; another tenant (the subject's) must answer 404
    ("GET", "/api/v1/ledger"): F("partner", lambda w: {"tenantId": w.partner_tenant, "size": 10, "format": "json"},
                                 ids={"tenantId": "tenant"}),
    ("GET", "/api/v1/usage"): F("partner", lambda w: {"tenantId": w.partner_tenant, "groupBy": "model",
                                                      "format": "csv"}, ids={"tenantId": "tenant"}),
    ("POST", "/api/v1/ledger/{id}/reversal"): F("platform", {"reason": "bad-input matrix"},
                                                path={"id": "ledger-entry"}, last=True),
    ("POST", "/api/v1/ledger/reconciliation"): F("platform"),
    ("GET", "/api/v1/ledger/reconciliation"): F("platform"),
    ("GET", "/api/v1/partners/{id}/earnings"): F("platform", {"groupBy": "tenant"}, path={"id": "partner"}),
    ("GET", "/api/v1/rate-cards"): F("admin", {"kind": "PRICE"}, paged=True),
    ("PUT", "/api/v1/rate-cards"): F("platform", lambda w: {
        "kind": "COST", "sku": "matrix/m-" + RUN, "inputMicrosPerMillion": 1000, "outputMicrosPerMillion": 2000,
        "embeddingMicrosPerMillion": 10, "currency": "USD", "validFrom": "2099-01-01T00:00:00Z"}),
    ("POST", "/api/v1/invoices"): F("platform", lambda w: {"tenantId": w.tenant_id, "period": w.last_month},
                                    ids={"tenantId": "tenant"}),
    ("GET", "/api/v1/invoices"): F("partner", lambda w: {"tenantId": w.partner_tenant},
                                   ids={"tenantId": "tenant"}, paged=True),
    ("GET", "/api/v1/invoices/{id}"): F("admin", path={"id": "invoice"}),
    ("GET", "/api/v1/invoices/{id}/pdf"): F("admin", path={"id": "invoice"}, headers={"Accept": "application/pdf"}),
    ("GET", "/api/v1/invoices/{id}/payments"): F("admin", path={"id": "invoice"}),
    # nothing is due on the subject's invoice: the valid payment is refused for that, by the handler
    ("POST", "/api/v1/invoices/{id}/payments"): F("platform", {"method": "manual", "amountMicros": 10000,
                                                               "reference": "matrix"}, path={"id": "invoice"},
                                                  expect=(409,)),
    ("GET", "/api/v1/budgets"): F("admin", lambda w: {"tenantId": w.tenant_id}, ids={"tenantId": "tenant"}),
    ("PUT", "/api/v1/budgets"): F("admin", lambda w: {"tenantId": w.tenant_id, "apiKeyId": w.key,
                                                      "limitMicros": 900000000000, "limitTokens": 900000000000,
                                                      "softPercent": 80},
                                  ids={"tenantId": "tenant", "apiKeyId": "api-key"}, last=True),
}
# GET fixtures carry their query in "body" when written as a dict or function
QUERY_METHODS = ("GET", "DELETE")


# ---------------------------------------------------------------- bad inputs

def leaves(value, path=""):
    """Each scalar of a JSON document with its path (model.maxTokens, scopes[0])."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def replaced(document, path, new):
    copy = json.loads(json.dumps(document))
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    target = copy
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    if last.startswith("["):
        target[int(last[1:-1])] = new
    else:
        target[last] = new
    return copy


def body_variants(body, fixture, world):
    free = fixture["free"]
    # anonymous endpoints share the address's 60 a minute with everyone: one text variant a field
    texts = (lambda v, i: [(v + "\u0000x", v + "\ud800", "\udc00" + v)[i % 3]]) if fixture["caller"] == "anonymous" \
        else (lambda v, i: [v + "\u0000x", v + "\ud800", "\udc00" + v])
    for index, (path, value) in enumerate(leaves(body)):
        in_free = any(path == f or path.startswith(f + ".") or path.startswith(f + "[") for f in free)
        if path in fixture["ids"]:
            kind = fixture["ids"][path]
            yield "id", path, replaced(body, path, str(uuid.uuid4())), replaced(body, path, world.foreign[kind])
            continue
        if isinstance(value, bool):
            if not in_free:
                yield "bad", path, replaced(body, path, "true"), None
                yield "bad", path, replaced(body, path, 1), None
        elif isinstance(value, int):
            if not in_free:
                for bad in (1.5, 1e30, 2 ** 63, str(value)):
                    yield "bad", path, replaced(body, path, bad), None
        elif isinstance(value, float):
            if not in_free:
                yield "bad", path, replaced(body, path, str(value)), None
                yield "bad", path, replaced(body, path, RAW_INFINITY), None
        elif isinstance(value, str):
            for bad in texts(value, index):
                yield "bad", path, replaced(body, path, bad), None


def encode_query(query):
    return "&".join(f"{urllib.parse.quote(str(k))}={urllib.parse.quote(str(v))}" for k, v in query.items())


def query_variants(query, fixture, world):
    for name, value in query.items():
        if name in fixture["ids"]:
            kind = fixture["ids"][name]
            yield "id", name, dict(query, **{name: str(uuid.uuid4())}), dict(query, **{name: world.foreign[kind]})
        else:
            yield "bad-raw", name, encode_query(query) .replace(f"{name}={urllib.parse.quote(str(value))}",
                                                                f"{name}={urllib.parse.quote(str(value))}%00"), None
    if fixture["paged"]:
        for name, bad in (("page", "2147483647"), ("page", "-1"), ("page", "1.5"), ("size", "0"),
                          ("size", "100000")):
            yield "bad", name, dict(query, **{name: bad}), None
    yield "bad-raw", "hb_probe", (encode_query(query) + "&" if query else "") + "hb_probe=%ff%fe", None


# ---------------------------------------------------------------- checks

class Matrix:

    def __init__(self, world):
        self.world = world
        self.failed = 0
        self.requests = 0
        self.endpoints = 0

    def fail(self, message):
        self.failed += 1
        print("  FAIL " + message)

    def token(self, caller):
        if caller == "admin":
            return self.world.admin
        if caller == "platform":
            return self.world.platform
        if caller == "partner":
            return self.world.partner_admin
        if caller == "session":
            return self.world.fresh_login()["accessToken"]
        return None

    def refused(self, label, status, reply, payload, expected=None):
        """A bad input must be refused by the request's side: 4xx problem+json with a type."""
        self.requests += 1
        if status >= 500 or status == 0:
            self.fail(f"{label}: {status} {payload[:200]!r}")
            return False
        if status < 400:
            self.fail(f"{label}: accepted with {status}")
            return False
        problem = json_of(payload)
        if not reply.get("content-type", "").startswith("application/problem+json") or not isinstance(
                problem, dict) or not problem.get("type"):
            self.fail(f"{label}: {status} without a problem+json body: {payload[:120]!r}")
            return False
        if expected and status not in expected:
            self.fail(f"{label}: {status}, expected {expected}: {problem.get('detail')}")
            return False
        return True

    def run(self, method, pattern, fixture):
        world = self.world
        self.endpoints += 1
        path = pattern
        for name, kind in fixture["path"].items():
            path = path.replace("{" + name + "}", world.ids.get(kind, kind))
        spec = fixture["body"](world) if callable(fixture["body"]) else fixture["body"]
        body = None if method in QUERY_METHODS else spec
        query = dict(spec or {}) if method in QUERY_METHODS else {}
        query.update(fixture["query"])
        target = path + ("?" + encode_query(query) if query else "")
        token = self.token(fixture["caller"])
        name = f"{method} {pattern}"

        if not fixture["last"]:
            self.valid(name, method, target, token, body, fixture)
            # the valid call's own effects (events, runs) settle before the bad inputs
        before = settled()
        for variant in self.variants(method, path, body, query, fixture, token):
            label, kind, send_args, foreign_args = variant
            if kind == "id":
                random_answer = send(*send_args)
                if not self.refused(f"{name} {label} (random id)", *random_answer):
                    continue
                # the platform sees every tenant: nothing is another's to it
                if fixture["caller"] == "platform":
                    continue
                foreign_answer = send(*foreign_args)
                if self.refused(f"{name} {label} (another tenant's)", *foreign_answer) and \
                        random_answer[0] != foreign_answer[0]:
                    self.fail(f"{name} {label}: another tenant's id answers {foreign_answer[0]}, "
                              f"a random one {random_answer[0]}")
            else:
                self.refused(f"{name} {label}", *send(*send_args), expected=variant_expectation(label))
        after = fingerprint()
        if after != before:
            after = settled()
            if after != before:
                self.fail(f"{name}: refused requests changed {', '.join(changed_tables(before, after))}")
        if fixture["last"]:
            self.valid(name, method, target, token, body, fixture)

    def valid(self, name, method, target, token, body, fixture):
        status, _, payload = send(method, target, token, body, headers=fixture["headers"],
                                  stream=fixture["stream"])
        self.requests += 1
        if status not in fixture["expect"]:
            self.fail(f"{name}: the valid request answered {status}, not {fixture['expect']}: "
                      f"{payload[:200]!r} (the matrix does not reach it)")

    def variants(self, method, path, body, query, fixture, token):
        """(label, kind, send args, foreign send args) for every bad input of the endpoint."""
        plain = path + ("?" + encode_query(query) if query else "")
        headers = fixture["headers"]
        for kind, field, bad, foreign in body_variants(body, fixture, self.world) if body else ():
            args = (method, plain, token, bad, headers, None, fixture["stream"])
            yield f"body {field}", kind, args, (
                (method, plain, token, foreign, headers, None, fixture["stream"]) if foreign else None)
        for kind, field, bad, foreign in query_variants(query, fixture, self.world):
            url = path + "?" + (bad if kind == "bad-raw" else encode_query(bad))
            args = (method, url, token, body, headers, None, fixture["stream"])
            foreign_args = (method, path + "?" + encode_query(foreign), token, body, headers, None,
                            fixture["stream"]) if foreign else None
            yield f"query {field}", "id" if kind == "id" else "bad", args, foreign_args
        for variable in fixture["path"]:
            broken = plain.replace(self.world.ids.get(fixture["path"][variable], fixture["path"][variable]),
                                   "not-an-id%00", 1)
            if broken != plain and fixture["path"][variable] in self.world.ids:
                yield f"path {variable}", "bad", (method, broken, token, body, headers, None, fixture["stream"]), None
        bad_headers = {"Idempotency-Key": "key\u2014dash".encode(), "Last-Event-ID": "1\u2014".encode()}
        for header, value in bad_headers.items():
            yield f"header {header} (non-ASCII)", "bad", (
                method, plain, token, body, dict(headers, **{header: value}), None, fixture["stream"]), None
        yield "header Idempotency-Key (300 characters)", "bad", (
            method, plain, token, body, dict(headers, **{"Idempotency-Key": "k" * 300}), None, fixture["stream"]), None
        yield "header (20 KB)", "bad", (
            method, plain, token, body, dict(headers, **{"X-Matrix": "a" * 20000}), None, fixture["stream"]), None
        if body is not None:
            yield "body (2.5 MB)", "bad", (method, plain, token, None, headers, OVERSIZED, fixture["stream"]), None
            yield "body (not JSON)", "bad", (method, plain, token, None, headers, b'{"x": ', fixture["stream"]), None


def variant_expectation(label):
    if label == "body (2.5 MB)":
        return (413,)
    if label == "header (20 KB)":
        return (431,)
    return (400,)


def discovered(platform):
    found = set()
    for service_url, gateway_patterns in routed_services_with_path(ROUTES_YML):
        connection = http.client.HTTPConnection(urllib.parse.urlsplit(service_url).hostname,
                                                urllib.parse.urlsplit(service_url).port, timeout=10)
        connection.request("GET", "/actuator/mappings", headers={"Authorization": "Bearer " + platform})
        response = connection.getresponse()
        mappings = json.loads(response.read())
        connection.close()
        for context in mappings["contexts"].values():
            for handler in context["mappings"].get("dispatcherServlets", {}).get("dispatcherServlet", []):
                conditions = (handler.get("details") or {}).get("requestMappingConditions")
                if not conditions:
                    continue
                for pattern in conditions["patterns"]:
                    if covered(pattern, gateway_patterns):
                        for method in conditions["methods"] or ["GET"]:
                            found.add((method, pattern))
    return found


def routed_services_with_path(yml):
    import isolation_matrix
    isolation_matrix.ROUTES_YML = yml
    return routed_services()


def main():
    world = World()
    global ALL_TABLES, TABLES
    ALL_TABLES = tables()
    TABLES = [t for t in ALL_TABLES if t.split(".")[1] not in NOT_STATE]
    matrix = Matrix(world)
    endpoints = discovered(world.platform)
    for endpoint in sorted(endpoints - set(FIXTURES)):
        matrix.fail(f"{endpoint[0]} {endpoint[1]}: no bad-input fixture; add it to deploy/local/bad_input_matrix.py")
    for endpoint in sorted(set(FIXTURES) - endpoints):
        matrix.fail(f"{endpoint[0]} {endpoint[1]}: a fixture for an endpoint no service has (stale fixture)")
    # destructive valid requests (last=True) run after everything else that uses their objects
    ordered = sorted((e for e in FIXTURES if e in endpoints), key=lambda e: FIXTURES[e]["last"])
    for method, pattern in ordered:
        matrix.run(method, pattern, FIXTURES[(method, pattern)])
    print(f"  bad-input matrix: {matrix.endpoints} endpoints, {matrix.requests} requests, {matrix.failed} failed")
    return 1 if matrix.failed else 0


if __name__ == "__main__":
    sys.exit(main())
