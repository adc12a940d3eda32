#!/usr/bin/env python3
"""Tenant-isolation matrix against the running fleet (make smoke runs it).

The endpoint list is not hand-picked: it is every handler of every service (read from each
service's /actuator/mappings) whose path falls under a gateway route (read from the gateway's
application.yml) and names an object by id. Each is called by another organization with a real
object of the first one's, and must answer as if the object did not exist: 404, or the very
status a random id gets (a role check that never looks at the object). Any 2xx fails.

A new endpoint with a path variable and no entry in FIXTURES below fails the matrix until its
isolation is proven: say which kind of object the variable names, and the body it needs.
Standard library only.
"""
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
import uuid

GATEWAY = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
ROUTES_YML = sys.argv[2] if len(sys.argv) > 2 else "gateway/src/main/resources/application.yml"

AGENT = {"name": "Stolen", "systemPrompt": "p", "model": {"provider": "simulator", "name": "sim-1"}}

# (method, pattern) -> (kind of object the first path variable names, request body or None,
#                       values for any further path variables)
FIXTURES = {
    ("GET", "/api/v1/tenants/{id}"): ("tenant", None),
    ("PATCH", "/api/v1/tenants/{id}"): ("tenant", {"name": "Renamed by a stranger"}),
    ("POST", "/api/v1/tenants/{id}/suspend"): ("tenant", {"reason": "isolation matrix"}),
    ("POST", "/api/v1/tenants/{id}/activate"): ("tenant", {"reason": "isolation matrix"}),
    ("POST", "/api/v1/tenants/{id}/close"): ("tenant", {"reason": "isolation matrix"}),
    ("GET", "/api/v1/tenants/{id}/status-history"): ("tenant", None),
    ("GET", "/api/v1/partners/{id}"): ("partner", None),
    ("POST", "/api/v1/partners/{id}/suspend"): ("partner", {"reason": "isolation matrix"}),
    ("POST", "/api/v1/partners/{id}/activate"): ("partner", {"reason": "isolation matrix"}),
    ("POST", "/api/v1/partners/{id}/tenants"): (
        "partner", {"name": "Planted", "adminEmail": "planted@example.com"}),
    ("DELETE", "/api/v1/api-keys/{id}"): ("api-key", None),
    ("GET", "/api/v1/agents/{id}"): ("agent", None),
    ("PUT", "/api/v1/agents/{id}"): ("agent", AGENT),
    ("DELETE", "/api/v1/agents/{id}"): ("agent", None),
    ("GET", "/api/v1/agents/{id}/versions"): ("agent", None),
    ("GET", "/api/v1/agents/{id}/versions/{version}"): ("agent", None, {"version": "1"}),
    ("GET", "/api/v1/workflows/{id}"): ("workflow", None),
    ("PUT", "/api/v1/workflows/{id}"): ("workflow", {"name": "Stolen", "graph": {"nodes": [
        {"id": "t", "type": "template", "config": {"template": "x"}}], "edges": []}}),
    ("DELETE", "/api/v1/workflows/{id}"): ("workflow", None),
    ("POST", "/api/v1/agents/{id}/executions"): ("agent", {"input": {"message": "run someone else's agent"}}),
    ("POST", "/api/v1/workflows/{id}/executions"): ("workflow", {"input": {"q": "run someone else's workflow"}}),
    ("GET", "/api/v1/executions/{id}"): ("execution", None),
    ("GET", "/api/v1/executions/{id}/events"): ("execution", None),
    ("POST", "/api/v1/executions/{id}/cancel"): ("execution", None),
    ("POST", "/api/v1/ledger/{id}/reversal"): ("ledger-entry", {"reason": "isolation matrix"}),
    ("GET", "/api/v1/partners/{id}/earnings"): ("partner", None),
    ("GET", "/api/v1/invoices/{id}"): ("invoice", None),
    ("GET", "/api/v1/invoices/{id}/pdf"): ("invoice", None),
    ("GET", "/api/v1/invoices/{id}/payments"): ("invoice", None),
    ("POST", "/api/v1/invoices/{id}/payments"): ("invoice", {"method": "manual", "amountMicros": 1,
                                                           "reference": "isolation matrix"}),
    # a shared catalog, not an organization's object: nothing to isolate
    ("POST", "/api/v1/workflows/templates/{template}/instantiate"): ("catalog", None),
    # the variable names a slot of the caller's own tenant (the tenant comes from the token)
    ("PUT", "/api/v1/providers/{provider}"): ("catalog", {"apiKey": "0123456789"}),
    ("GET", "/api/v1/knowledge-bases/{id}"): ("knowledge-base", None),
    ("PATCH", "/api/v1/knowledge-bases/{id}"): ("knowledge-base", {"name": "Renamed by a stranger"}),
    ("DELETE", "/api/v1/knowledge-bases/{id}"): ("knowledge-base", None),
    ("POST", "/api/v1/knowledge-bases/{id}/search"): ("knowledge-base", {"query": "isolation matrix"}),
    ("GET", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents"): ("knowledge-base", None),
    ("POST", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents"): (
        "knowledge-base", {"name": "planted.txt", "text": "planted by a stranger"}),
    # a further variable written @kind takes that kind's real object of the owner
    ("GET", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{id}"): ("knowledge-base", None, {"id": "@document"}),
    ("DELETE", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{id}"): (
        "knowledge-base", None, {"id": "@document"}),
    ("POST", "/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{id}/reindex"): (
        "knowledge-base", None, {"id": "@document"}),
    ("DELETE", "/api/v1/providers/{provider}"): ("catalog", None),
}


def call(method, path, token=None, body=None, base=GATEWAY):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as error:
        return error.code, None


def login(email, password):
    status, body = call("POST", "/api/v1/auth/login", body={"email": email, "password": password})
    if status != 200:
        raise SystemExit(f"matrix: cannot sign in as {email} ({status})")
    return body["accessToken"]


def routed_services():
    """Gateway routes: the service URL each route points at, and its path patterns."""
    text = open(ROUTES_YML).read()
    routes = []
    for block in re.split(r"\n\s+- id: ", text)[1:]:
        uri = re.search(r"uri: \$\{HB_\w+_URL:(http://[^}]+)\}", block)
        paths = re.search(r"- Path=(\S+)", block)
        if uri and paths:
            routes.append((uri.group(1), paths.group(1).split(",")))
    return routes


def covered(pattern, gateway_patterns):
    for gateway_pattern in gateway_patterns:
        regex = "^" + re.escape(gateway_pattern).replace(r"/\*\*", "(/.*)?").replace(r"\*", "[^/]+") + "$"
        if re.match(regex, re.sub(r"\{[^}]+\}", "x", pattern)):
            return True
    return False


def object_endpoints(platform_token):
    found = set()
    for service_url, gateway_patterns in routed_services():
        status, mappings = call("GET", "/actuator/mappings", platform_token, base=service_url)
        if status != 200:
            raise SystemExit(f"matrix: {service_url}/actuator/mappings answered {status}")
        for context in mappings["contexts"].values():
            for handler in context["mappings"].get("dispatcherServlets", {}).get("dispatcherServlet", []):
                conditions = handler.get("details", {}).get("requestMappingConditions") if handler.get("details") else None
                if not conditions:
                    continue
                for pattern in conditions["patterns"]:
                    if "{" in pattern and covered(pattern, gateway_patterns):
                        for method in conditions["methods"] or ["GET"]:
                            found.add((method, pattern))
    return sorted(found)


def owners_ledger_entry(owner, execution_id):
    """The ledger row that prices the owner's run (billing writes it from usage.recorded)."""
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 600))
    for _ in range(60):
        status, page = call("GET", f"/api/v1/ledger?size=1000&from={since}", owner)
        if status == 200:
            for entry in page["items"]:
                if entry.get("executionId") == execution_id:
                    return str(entry["id"])
        time.sleep(0.5)
    raise SystemExit("matrix: the owner's run never reached the ledger")


def main():
    env = os.environ
    platform = login(env["HB_PLATFORM_ADMIN_EMAIL"], env["HB_PLATFORM_ADMIN_PASSWORD"])
    owner = login(env["HB_TENANT_ADMIN_EMAIL"], env["HB_TENANT_ADMIN_PASSWORD"])
    partner = login(env["HB_PARTNER_ADMIN_EMAIL"], env["HB_PARTNER_ADMIN_PASSWORD"])
    owner_tenant = call("GET", "/api/v1/auth/me", owner)[1]["tenantId"]
    partner_id = call("GET", "/api/v1/auth/me", partner)[1]["partnerId"]

    # the stranger: a tenant of its own, signed up like anyone would
    email = f"stranger-{uuid.uuid4().hex[:10]}@example.com"
    status, _ = call("POST", "/api/v1/auth/register", body={
        "email": email, "password": "isolation matrix passphrase", "name": "Stranger",
        "companyName": "Stranger Co " + email})
    if status != 201:
        raise SystemExit(f"matrix: cannot register the stranger ({status})")
    stranger = login(email, "isolation matrix passphrase")

    status, key = call("POST", "/api/v1/api-keys", owner, {"name": "isolation", "scopes": ["agents:read"]})
    if status != 201:
        raise SystemExit(f"matrix: cannot create the owner's API key ({status})")
    status, agent = call("POST", "/api/v1/agents", owner, {
        "name": "Isolated", "systemPrompt": "p", "model": {"provider": "simulator", "name": "sim-1"}})
    if status != 201:
        raise SystemExit(f"matrix: cannot create the owner's agent ({status})")
    status, workflow = call("POST", "/api/v1/workflows", owner, {"name": "Isolated", "graph": {
        "nodes": [{"id": "ask", "type": "agent", "config": {"agentId": agent["id"], "prompt": "{{input.q}}"}}],
        "edges": []}})
    if status != 201:
        raise SystemExit(f"matrix: cannot create the owner's workflow ({status})")
    status, execution = call("POST", f"/api/v1/agents/{agent['id']}/executions", owner,
                             {"input": {"message": "isolation matrix [[sim:tokens=3]]"}})
    if status != 202:
        raise SystemExit(f"matrix: cannot run the owner's agent ({status})")
    ledger_entry = owners_ledger_entry(owner, execution["id"])
    last_month = time.strftime("%Y-%m", time.gmtime(time.time() - 86400 * (time.gmtime().tm_mday + 1)))
    status, invoice = call("POST", "/api/v1/invoices", platform, {"tenantId": owner_tenant, "period": last_month})
    if status not in (200, 201):
        raise SystemExit(f"matrix: cannot issue the owner's invoice ({status})")
    status, knowledge_base = call("POST", "/api/v1/knowledge-bases", owner, {"name": "Isolated"})
    if status != 201:
        raise SystemExit(f"matrix: cannot create the owner's knowledge base ({status})")
    status, accepted = call("POST", f"/api/v1/knowledge-bases/{knowledge_base['id']}/documents", owner,
                            {"name": "isolated.txt", "text": "The owner's own document."})
    if status != 202:
        raise SystemExit(f"matrix: cannot upload the owner's document ({status})")
    objects = {"tenant": owner_tenant, "partner": partner_id, "api-key": key["id"], "agent": agent["id"],
               "workflow": workflow["id"], "execution": execution["id"], "ledger-entry": ledger_entry,
               "invoice": invoice["id"], "knowledge-base": knowledge_base["id"],
               "document": accepted["items"][0]["id"]}
    # who must not reach each kind: the stranger always; a partner admin, the platform's tenant
    everyone = [("stranger tenant", stranger), ("other partner", partner)]
    strangers = {"tenant": everyone, "partner": [("stranger tenant", stranger)], "api-key": everyone,
                 "agent": everyone, "workflow": everyone, "execution": everyone, "ledger-entry": everyone,
                 "invoice": everyone, "knowledge-base": everyone}

    passed = failed = 0
    # an intruder whose token is refused everywhere would pass every row: prove they get in
    for who, token in (("stranger tenant", stranger), ("other partner", partner)):
        if call("GET", "/api/v1/auth/me", token)[0] != 200:
            print(f"  FAIL the {who}'s token is not accepted at all: the matrix would prove nothing")
            failed += 1
    for method, pattern in object_endpoints(platform):
        fixture = FIXTURES.get((method, pattern))
        if fixture is None:
            print(f"  FAIL {method} {pattern}: no isolation fixture; add it to deploy/local/isolation_matrix.py")
            failed += 1
            continue
        kind, body = fixture[0], fixture[1]
        if kind == "catalog":
            continue
        extras = fixture[2] if len(fixture) > 2 else {}
        for who, token in strangers[kind]:
            foreign = re.sub(r"\{[^}]+\}", objects[kind], pattern, count=1)
            # ledger rows are numbered, everything else has a UUID
            unknown = str(uuid.uuid4().int % 10**15) if kind == "ledger-entry" else str(uuid.uuid4())
            random = re.sub(r"\{[^}]+\}", unknown, pattern, count=1)
            for name, value in extras.items():
                value = objects[value[1:]] if value.startswith("@") else value
                foreign = foreign.replace("{" + name + "}", value)
                random = random.replace("{" + name + "}", value)
            got = call(method, foreign, token, body)[0]
            baseline = call(method, random, token, body)[0]
            if got == 404 or (got == baseline and got in (401, 403)):
                passed += 1
            else:
                print(f"  FAIL {method} {pattern} as {who} with another organization's {kind}: {got} "
                      f"(a random id gets {baseline})")
                failed += 1
    # the fixtures are real: their owner reaches them
    if call("GET", f"/api/v1/tenants/{owner_tenant}", owner)[0] != 200:
        print("  FAIL the owner cannot read its own tenant: the matrix's fixture is wrong")
        failed += 1
    if call("GET", f"/api/v1/agents/{agent['id']}", owner)[0] != 200:
        print("  FAIL the owner cannot read its own agent: the matrix's fixture is wrong")
        failed += 1
    if call("GET", f"/api/v1/invoices/{invoice['id']}", owner)[0] != 200:
        print("  FAIL the owner cannot read its own invoice: the matrix's fixture is wrong")
        failed += 1
    document = f"/api/v1/knowledge-bases/{knowledge_base['id']}/documents/{objects['document']}"
    if call("GET", document, owner)[0] != 200:
        print("  FAIL the owner cannot read its own document: the matrix's fixture is wrong")
        failed += 1
    if call("GET", f"/api/v1/executions/{execution['id']}", owner)[0] != 200:
        print("  FAIL the owner cannot read its own execution: the matrix's fixture is wrong")
        failed += 1
    call("DELETE", f"/api/v1/api-keys/{key['id']}", owner)
    call("DELETE", f"/api/v1/workflows/{workflow['id']}", owner)
    call("DELETE", f"/api/v1/agents/{agent['id']}", owner)
    call("DELETE", f"/api/v1/knowledge-bases/{knowledge_base['id']}", owner)
    print(f"  isolation matrix: {passed} calls answered as if the object did not exist, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
