#!/usr/bin/env python3
"""End-to-end knowledge-base checks through the gateway against the running fleet (make up first).

Usage: knowledge_e2e.py <gateway> <check> where check is one of
  crash   50 documents uploaded; ingestion-service killed (-9) while they are being indexed and
          started again by `fleet.sh up`: every document ends READY, with as many chunks as the same
          50 documents get in a clean run, none duplicated, every one embedded
  cite    an agent with a knowledge base answers through the gateway with citations that point at
          chunks of the uploaded document (the worker retrieves with a service token for the tenant);
          a mark that names nothing retrieved is dropped
Environment: HB_TENANT_ADMIN_EMAIL/PASSWORD (make up writes them), HB_ROOT.
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
ROOT = os.environ.get("HB_ROOT", os.getcwd())
DOCUMENTS = 50


def fail(message):
    print("    " + message, file=sys.stderr)
    sys.exit(1)


def call(method, path, body=None, token=None, expect=None):
    request = urllib.request.Request(GATEWAY + path, method=method)
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    except OSError as error:
        status, text = 0, str(error)
    if expect is not None and status != expect:
        fail("%s %s answered %s, expected %s: %s" % (method, path, status, expect, text[:300]))
    return status, (json.loads(text) if text.strip().startswith(("{", "[")) else text)


def login():
    _, tokens = call("POST", "/api/v1/auth/login", {"email": os.environ["HB_TENANT_ADMIN_EMAIL"],
                                                    "password": os.environ["HB_TENANT_ADMIN_PASSWORD"]}, expect=200)
    return tokens["accessToken"]


def text(i):
    """A document of several paragraphs: with 64-token chunks, several chunks each."""
    return "\n\n".join("Document %d, section %d: the %s of step %d is explained here in plain words, with enough "
                       "detail that it takes a few lines of text to tell." % (i, s, ["purpose", "risk", "owner"][s % 3], s)
                       for s in range(8))


def upload_all(token, name):
    _, kb = call("POST", "/api/v1/knowledge-bases", {"name": name, "chunking": {"chunkTokens": 64, "overlapTokens": 8}},
                 token, expect=201)
    ids = []
    for i in range(DOCUMENTS):
        _, accepted = call("POST", "/api/v1/knowledge-bases/%s/documents" % kb["id"],
                           {"name": "doc-%02d.txt" % i, "text": text(i)}, token, expect=202)
        ids.append(accepted["items"][0]["id"])
    return kb["id"], ids


def documents(token, kb):
    items, page = [], 0
    while True:
        status, body = call("GET", "/api/v1/knowledge-bases/%s/documents?page=%d&size=100" % (kb, page), token=token)
        if status != 200:
            return None
        items += body["items"]
        if len(items) >= body["total"]:
            return items
        page += 1


def await_ready(token, kb, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        docs = documents(token, kb)
        if docs is not None and len(docs) == DOCUMENTS and all(d["status"] in ("READY", "FAILED") for d in docs):
            return docs
        time.sleep(0.5)
    fail("not every document finished within %d s: %s" % (seconds, sorted(
        {d["status"] for d in (documents(token, kb) or [])})))


def psql(sql):
    return subprocess.run(["psql", "-h", os.environ.get("HB_PG_HOST", "127.0.0.1"), "-U",
                           os.environ.get("HB_PG_SUPERUSER", "postgres"), "-d", "hirebuddha", "-At", "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def crash():
    token = login()
    run = uuid.uuid4().hex[:8]
    kb, ids = upload_all(token, "Crash " + run)
    # kill once indexing is under way: some documents done, most still to do
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        docs = documents(token, kb) or []
        ready = sum(1 for d in docs if d["status"] == "READY")
        if ready >= 3:
            break
        time.sleep(0.2)
    else:
        fail("indexing never got going")
    in_progress = sum(1 for d in docs if d["status"] not in ("READY", "FAILED"))
    pid = open(os.path.join(ROOT, ".hb/run/ingestion-service.pid")).read().strip()
    os.kill(int(pid), 9)
    killed = time.monotonic()
    subprocess.run([os.path.join(ROOT, "deploy/local/fleet.sh"), "up"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    token = login()
    after = await_ready(token, kb, 300)
    failed = [d for d in after if d["status"] != "READY"]
    if failed:
        fail("documents failed after the kill: %s" % [(d["name"], d["failureReason"]) for d in failed[:3]])
    seconds = time.monotonic() - killed

    clean, _ = upload_all(token, "Clean " + run)
    clean_docs = await_ready(token, clean, 300)
    crashed_chunks = sum(d["chunks"] for d in after)
    clean_chunks = sum(d["chunks"] for d in clean_docs)
    rows = int(psql("select count(*) from ingestion.chunk where knowledge_base_id = '%s'" % kb))
    clean_rows = int(psql("select count(*) from ingestion.chunk where knowledge_base_id = '%s'" % clean))
    unembedded = int(psql("select count(*) from ingestion.chunk where knowledge_base_id = '%s' "
                          "and embedding is null" % kb))
    if not (crashed_chunks == clean_chunks == rows == clean_rows) or unembedded:
        fail("chunks after the kill %d (rows %d, %d without a vector), in a clean run %d (rows %d)"
             % (crashed_chunks, rows, unembedded, clean_chunks, clean_rows))
    print("    killed with %d of %d in progress; all READY %.1f s after the kill; %d chunks, as in a clean run"
          % (in_progress, DOCUMENTS, seconds, rows))
    call("DELETE", "/api/v1/knowledge-bases/" + kb, token=token)
    call("DELETE", "/api/v1/knowledge-bases/" + clean, token=token)


def events(token, execution):
    """The execution's stored events, replayed over SSE: (name, data) each."""
    request = urllib.request.Request(GATEWAY + "/api/v1/executions/%s/events" % execution)
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Accept", "text/event-stream")
    found, name = [], None
    with urllib.request.urlopen(request, timeout=60) as response:
        for raw in response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:") and name:
                found.append((name, json.loads(line[5:].strip())))
                if name in ("final_result", "error"):
                    return found
    return found


def cite():
    token = login()
    run = uuid.uuid4().hex[:8]
    _, kb = call("POST", "/api/v1/knowledge-bases", {"name": "Cite " + run}, token, expect=201)
    _, accepted = call("POST", "/api/v1/knowledge-bases/%s/documents" % kb["id"],
                       {"name": "contract-%s.md" % run,
                        "text": "# Contract\n\nThe notice period is three months for both sides.\n\n"
                                "# Holidays\n\nEvery employee has thirty days of paid holiday."}, token, expect=202)
    document = accepted["items"][0]["id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _, doc = call("GET", "/api/v1/knowledge-bases/%s/documents/%s" % (kb["id"], document), token=token)
        if doc["status"] in ("READY", "FAILED"):
            break
        time.sleep(0.3)
    if doc["status"] != "READY":
        fail("the document ended %s: %s" % (doc["status"], doc.get("failureReason")))
    _, agent = call("POST", "/api/v1/agents", {"name": "Grounded " + run, "systemPrompt": "You answer from the contract.",
                                               "model": {"provider": "simulator", "name": "sim-1"},
                                               "knowledgeBaseIds": [kb["id"]]}, token, expect=201)
    _, execution = call("POST", "/api/v1/agents/%s/executions" % agent["id"],
                        {"input": {"message": "How long is the notice period? [[sim:tokens=8]] [[sim:cite=9]]"}},
                        token, expect=202)
    story = events(token, execution["id"])
    if not story or story[-1][0] != "final_result":
        fail("the run did not end with final_result: %s" % story[-1:])
    final = story[-1][1]
    citations = final.get("citations") or []
    chunks = set(psql("select id from ingestion.chunk where document_id = '%s'" % document).split())
    if not citations or any(c["documentId"] != document or c["chunkId"] not in chunks for c in citations):
        fail("citations do not point at the document's chunks: %s" % citations)
    marks = [c["n"] for c in citations]
    if "[9]" in final["output"] or max(marks) > 5:
        fail("a mark that names nothing retrieved was kept: %s / %s" % (final["output"], marks))
    print("    %d citations of %s, marks %s; chunks %s" % (len(citations), doc["name"], marks,
                                                          sorted({c["chunkId"][:8] for c in citations})))
    call("DELETE", "/api/v1/agents/" + agent["id"], token=token)
    call("DELETE", "/api/v1/knowledge-bases/" + kb["id"], token=token)


if __name__ == "__main__":
    {"crash": crash, "cite": cite}[CHECK]()
