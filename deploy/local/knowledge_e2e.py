#!/usr/bin/env python3
"""End-to-end knowledge-base checks through the gateway against the running fleet (make up first).

Usage: knowledge_e2e.py <gateway> <check> where check is one of
  crash   50 documents uploaded; ingestion-service killed (-9) while they are being indexed and
          started again by `fleet.sh up`: every document ends READY, with as many chunks as the same
          50 documents get in a clean run, none duplicated, every one embedded
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


if __name__ == "__main__":
    {"crash": crash}[CHECK]()
