#!/usr/bin/env bash
# Starts, stops and reports the platform's own processes: the LLM simulator and every service.
#   fleet.sh up      build what is stale, start what is not running, wait until all are healthy
#   fleet.sh down    stop what this script started (pid files under .hb/run)
#   fleet.sh status  one line per process: port, pid, health, resident memory
source "$(dirname "$0")/lib.sh"

JAVA_OPTS_DEFAULT="-XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -Xms32m -Xmx384m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TieredStopAtLevel=1"
HB_JAVA_OPTS="${HB_JAVA_OPTS:-$JAVA_OPTS_DEFAULT}"
SIMULATOR_JAR="$HB_ROOT/deploy/llm-simulator/target/llm-simulator-0.1.0-SNAPSHOT-exec.jar"

jar_of() { echo "$HB_ROOT/$1/target/$1-0.1.0-SNAPSHOT.jar"; }

health_url() {
  case "$1" in
    llm-simulator) echo "http://127.0.0.1:$HB_SIMULATOR_PORT/health" ;;
    *) echo "http://127.0.0.1:$2/actuator/health" ;;
  esac
}

healthy() { curl -fsS --max-time 3 "$(health_url "$1" "$2")" 2>/dev/null | grep -q '"status":"UP"'; }

# One reactor build when any module's sources changed since the last successful build. Jars carry
# a fixed timestamp (reproducible builds), so the build stamp, not the jar, tells their age.
build_if_stale() {
  local stamp="$HB_STATE/build.stamp" entry missing=""
  for entry in "${HB_SERVICES[@]}"; do
    [ -f "$(jar_of "${entry%%:*}")" ] || missing=1
  done
  [ -f "$SIMULATOR_JAR" ] || missing=1
  if [ -z "$missing" ] && [ -f "$stamp" ] && [ -z "$(find "$HB_ROOT" -path "$HB_ROOT/web" -prune -o \
    -path "$HB_ROOT/.hb" -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$stamp" -print -quit)" ]; then
    return
  fi
  log "building the services"
  forget_copied_migrations
  (cd "$HB_ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true package) || die "the build failed"
  mark_built
}

# The console is optional for the API: built when Node.js 20.19+ is here, else make up says so.
build_console_if_stale() {
  local web="$HB_ROOT/web"
  if ! node_ok; then
    warn "Node.js 20.19+ not found: the web console is not built (the API works without it)"
    return
  fi
  if [ -f "$web/dist/index.html" ] && [ -z "$(find "$web/src" "$web/index.html" "$web/package.json" \
    "$web/package-lock.json" -newer "$web/dist/index.html" -type f -print -quit)" ]; then
    return
  fi
  log "building the web console"
  (cd "$web" && npm install --no-save --no-audit --no-fund --loglevel=error >/dev/null && npm run -s build >/dev/null) ||
    die "the web console build failed (cd web && npm run build)"
}

# Each process runs from its own copy of the jar (.hb/jars), so a rebuild never pulls a jar out
# from under a running JVM; a process whose built jar changed since it started is restarted.
start_process() {
  local name="$1" port="$2" jar="$3"; shift 3
  local pid_file="$HB_RUN/$name.pid" copy="$HB_STATE/jars/$name.jar"
  if pid_alive "$pid_file"; then
    if cmp -s "$jar" "$copy"; then
      return
    fi
    log "restarting $name: its code changed"
    stop_pid_file "$pid_file"
  fi
  if port_open "$port"; then
    die "port $port (for $name) is taken by another process; stop it or set its port variable"
  fi
  mkdir -p "$HB_STATE/jars"
  cp "$jar" "$copy"
  log "starting $name on 127.0.0.1:$port"
  # shellcheck disable=SC2086
  nohup "$JAVA_HOME/bin/java" $HB_JAVA_OPTS -jar "$copy" "$@" >>"$HB_LOGS/$name.log" 2>&1 &
  echo $! >"$pid_file"
  STARTED+=("$name")
}

up() {
  ensure_java
  build_if_stale
  build_console_if_stale
  ensure_local_secrets
  export HB_WEB_DIST="file:$HB_ROOT/web/dist/" HB_DEMO_ACCOUNTS=true
  # the upload scan, when make up started a clamd (deploy/local/clamd.sh)
  if [ -S "$HB_STATE/clamd/clamd.sock" ]; then export HB_CLAMD_SOCKET="$HB_STATE/clamd/clamd.sock"; fi
  STARTED=()
  AUTH_LOG_START=$(( $(wc -l <"$HB_LOGS/auth-service.log" 2>/dev/null || echo 0) + 1 ))
  start_process llm-simulator "$HB_SIMULATOR_PORT" "$SIMULATOR_JAR" --port="$HB_SIMULATOR_PORT"
  local entry
  for entry in "${HB_SERVICES[@]}"; do
    start_process "${entry%%:*}" "${entry##*:}" "$(jar_of "${entry%%:*}")"
  done
  local deadline=$((SECONDS + ${HB_START_TIMEOUT:-240})) waiting
  while :; do
    waiting=""
    for entry in llm-simulator:"$HB_SIMULATOR_PORT" "${HB_SERVICES[@]}"; do
      healthy "${entry%%:*}" "${entry##*:}" || waiting="$waiting ${entry%%:*}"
    done
    [ -z "$waiting" ] && break
    [ "$SECONDS" -lt "$deadline" ] || die "not healthy in time:$waiting (logs in $HB_LOGS)"
    for entry in $waiting; do
      pid_alive "$HB_RUN/$entry.pid" || die "$entry exited; see $HB_LOGS/$entry.log"
    done
    sleep 2
  done
  [ ${#STARTED[@]} -eq 0 ] && log "everything was already running" || log "started: ${STARTED[*]}"
  if [[ " ${STARTED[*]} " == *" auth-service "* ]]; then
    wait_for 90 demo_accounts_ready || die "the demo accounts were not seeded in time (see $HB_LOGS/auth-service.log)"
  fi
}

# auth-service seeds the demo accounts once tenant-service answers and logs it; the log is
# read rather than trying to sign in, which would count as failed sign-ins until then
demo_accounts_ready() {
  tail -n +"$AUTH_LOG_START" "$HB_LOGS/auth-service.log" 2>/dev/null | grep -q 'demo accounts are ready'
}

down() {
  local entry
  # the gateway first, so no new traffic arrives; then the services in parallel
  stop_pid_file "$HB_RUN/gateway.pid"
  for entry in "${HB_SERVICES[@]}" llm-simulator:0; do
    stop_pid_file "$HB_RUN/${entry%%:*}.pid" &
  done
  wait
}

status() {
  local entry name port pid rss health
  printf '%-22s %-24s %-8s %-8s %s\n' PROCESS ADDRESS PID HEALTH RSS
  for entry in llm-simulator:"$HB_SIMULATOR_PORT" "${HB_SERVICES[@]}"; do
    name="${entry%%:*}" port="${entry##*:}" pid="-" rss="-" health="DOWN"
    if pid_alive "$HB_RUN/$name.pid"; then
      pid="$(cat "$HB_RUN/$name.pid")"
      rss="$(rss_mb "$pid") MB"
    fi
    healthy "$name" "$port" && health=UP
    printf '%-22s %-24s %-8s %-8s %s\n' "$name" "http://127.0.0.1:$port" "$pid" "$health" "$rss"
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) die "usage: fleet.sh up|down|status" ;;
esac
