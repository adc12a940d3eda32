#!/usr/bin/env bash
# Shared helpers for the local launcher scripts. Sourced, never run.
set -euo pipefail

HB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HB_STATE="${HB_STATE:-$HB_ROOT/.hb}"
HB_RUN="$HB_STATE/run"
HB_LOGS="$HB_STATE/logs"
mkdir -p "$HB_RUN" "$HB_LOGS"

HB_PG_HOST="${HB_PG_HOST:-127.0.0.1}"
HB_PG_PORT="${HB_PG_PORT:-5432}"
HB_REDIS_PORT="${HB_REDIS_PORT:-6379}"
HB_KAFKA_PORT="${HB_KAFKA_PORT:-9092}"
HB_KAFKA_CONTROLLER_PORT="${HB_KAFKA_CONTROLLER_PORT:-9093}"
HB_SIMULATOR_PORT="${HB_SIMULATOR_PORT:-8099}"

# name:port of every Spring Boot service, in start order (gateway last).
HB_SERVICES=(auth-service:8081 tenant-service:8082 orchestration-service:8083 worker-service:8084
  billing-service:8085 ingestion-service:8086 notification-service:8087 gateway:8080)
# the Postgres schema (and hb_<schema> login role) of each service that owns data.
HB_SCHEMAS=(auth tenant orchestration worker billing ingestion notification)

log() { printf '\033[1;34m[hb]\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m[hb]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[hb]\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_updated=""
# Installs Debian packages when running as root on Debian/Ubuntu; otherwise says what to install.
apt_install() {
  if is_root && have apt-get; then
    if [ -z "$apt_updated" ]; then
      log "apt-get update"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
      apt_updated=1
    fi
    log "installing: $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    die "missing packages: $* — install them (e.g. 'sudo apt-get install $*') and run again"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the path of a JDK 21+ home: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
find_java_home() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

ensure_java() {
  if ! JAVA_HOME="$(find_java_home)"; then
    if is_root && have apt-get && apt-cache show openjdk-21-jdk-headless >/dev/null 2>&1; then
      apt_install openjdk-21-jdk-headless
    fi
    JAVA_HOME="$(find_java_home)" || die "a JDK 21 or newer is needed: install one and set JAVA_HOME"
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Vite 7 needs Node.js 20.19 or newer.
node_ok() {
  have node || return 1
  local version
  version="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  local major="${version%%.*}" minor
  minor="$(cut -d. -f2 <<<"$version")"
  [ "$major" -gt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; }
}

# Maven copies resources into target/classes but never removes one deleted from src/: a
# migration renamed or moved to commons would linger there and be packaged again (Flyway
# then stops: "Found more than one migration with version 1"). The build copies them afresh.
forget_copied_migrations() { rm -rf "$HB_ROOT"/*/target/classes/db; }

# Records that every module was just built from the current sources (see fleet.sh).
mark_built() { touch "$HB_STATE/build.stamp"; }

# 24 random characters from [A-Za-z0-9]: passes the password policy, safe in shell files
random_secret() { LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c "${1:-24}"; }

# Generated once, kept in .hb/ (git-ignored), exported to the processes make up starts:
#   secrets.env      encryption keys: auth-service's signing keys, worker-service's provider keys;
#                    the worker's service secret (its tenant-scoped tokens from auth-service)
#   credentials.env  the demo accounts' emails and passwords (SPEC.md names)
ensure_local_secrets() {
  mkdir -p "$HB_STATE"
  local secrets="$HB_STATE/secrets.env" credentials="$HB_STATE/credentials.env"
  local name
  for name in HB_AUTH_KEY_ENCRYPTION_KEY HB_WORKER_CREDENTIAL_KEY HB_SERVICE_SECRET_WORKER; do
    if ! grep -q "^$name=" "$secrets" 2>/dev/null; then
      (umask 077 && printf '%s=%s\n' "$name" "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >>"$secrets")
    fi
  done
  if [ ! -f "$credentials" ]; then
    (umask 077 && cat >"$credentials" <<CREDENTIALS
HB_PLATFORM_ADMIN_EMAIL=platform-admin@hirebuddha.test
HB_PLATFORM_ADMIN_PASSWORD=$(random_secret)
HB_PARTNER_ADMIN_EMAIL=partner-admin@hirebuddha.test
HB_PARTNER_ADMIN_PASSWORD=$(random_secret)
HB_TENANT_ADMIN_EMAIL=tenant-admin@hirebuddha.test
HB_TENANT_ADMIN_PASSWORD=$(random_secret)
CREDENTIALS
    )
  fi
  set -a
  # shellcheck disable=SC1090
  source "$secrets"
  source "$credentials"
  set +a
}

# A pid file names a live process of ours only if that process's command line mentions our state
# folder (or the given marker): after a reboot the pid may belong to something else entirely.
pid_alive() {
  local file="$1" marker="${2:-$HB_STATE}" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

# Resident memory of a process, in MB.
rss_mb() { echo $(($(ps -o rss= -p "$1") / 1024)); }

# Stops the process of a pid file (SIGTERM, SIGKILL after 30 s) if it is still ours; the
# optional marker is passed to pid_alive.
stop_pid_file() {
  local pid_file="$1" marker="${2:-$HB_STATE}" name pid
  name="$(basename "$pid_file" .pid)"
  pid_alive "$pid_file" "$marker" || { rm -f "$pid_file"; return; }
  pid="$(cat "$pid_file")"
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}

# psql as the PostgreSQL superuser: over TCP when that is allowed (trust or PGPASSWORD), else, as
# root on the database host, through the local socket as the postgres OS user (Debian's default
# peer authentication).
admin_psql() {
  local user="${HB_PG_SUPERUSER:-postgres}"
  if psql -X -w -h "$HB_PG_HOST" -p "$HB_PG_PORT" -U "$user" -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    psql -X -w -h "$HB_PG_HOST" -p "$HB_PG_PORT" -U "$user" "$@"
  elif is_root && have runuser && id postgres >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- psql -X -w -p "$HB_PG_PORT" "$@")
  else
    die "cannot connect to PostgreSQL as $user: set PGPASSWORD (or HB_PG_SUPERUSER), or run as root on its host"
  fi
}

# Waits until a command succeeds, up to $1 seconds.
wait_for() {
  local timeout="$1"; shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}
