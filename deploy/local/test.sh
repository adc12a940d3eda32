#!/usr/bin/env bash
# make test: prepares what tests need (PostgreSQL + pgvector with the test database, Redis; Kafka
# is embedded in the tests), runs every module's tests, then the end-to-end smoke against a
# running fleet (started for the purpose, and stopped again if it was not running before).
source "$(dirname "$0")/lib.sh"
ensure_java
have curl || apt_install curl
have python3 || apt_install python3
# the upload scan's test starts a clamd of its own (ClamdScanTests)
[ -x /usr/sbin/clamd ] || { is_root && have apt-get && apt_install clamav-daemon; } || warn "install clamav-daemon for the upload scan's test"
"$HB_ROOT/deploy/local/postgres.sh"
"$HB_ROOT/deploy/local/redis.sh"

log "unit and integration tests (./mvnw verify)"
started_build="$(mktemp)"
forget_copied_migrations
(cd "$HB_ROOT" && ./mvnw -B -ntp verify)
# the jars verify just packaged are current as of when it started
touch -r "$started_build" "$HB_STATE/build.stamp" && rm -f "$started_build"

if node_ok; then
  log "web console tests and build"
  # not npm ci: npm leaves platform-specific optional packages (rollup's) out of the lock file,
  # which npm ci then rejects; install --no-save still follows the lock and never rewrites it
  (cd "$HB_ROOT/web" && npm install --no-save --no-audit --no-fund --loglevel=error && npm test && npm run build)
  # the smoke test drives the console in Debian's Chromium (never a downloaded browser)
  if ! [ -x "${HB_CHROMIUM:-/usr/bin/chromium}" ]; then
    if is_root && have apt-get; then apt_install chromium; else warn "install chromium for the console's browser test"; fi
  fi
else
  warn "Node.js 20.19+ not found: skipping the web console's tests (install Node.js 20.19+ to run them)"
fi

fleet_was_running=""
curl -fsS --max-time 2 http://127.0.0.1:8080/actuator/health >/dev/null 2>&1 && fleet_was_running=1
"$HB_ROOT/deploy/local/up.sh"
status=0
"$HB_ROOT/deploy/local/smoke.sh" || status=$?
if [ -z "$fleet_was_running" ] && [ -z "${HB_KEEP_RUNNING:-}" ]; then
  "$HB_ROOT/deploy/local/down.sh"
fi
exit $status
