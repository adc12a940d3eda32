#!/usr/bin/env bash
# Ensures PostgreSQL with pgvector runs and holds the hirebuddha databases, schemas and roles.
# Idempotent: uses a server that already runs, installs and starts one only when missing.
source "$(dirname "$0")/lib.sh"

export PGOPTIONS="-c client_min_messages=warning"
PSQL=(admin_psql -q -v ON_ERROR_STOP=1)

pg_major() { "${PSQL[@]}" -At -d postgres -c "show server_version_num" | cut -c1-2; }

server_up() { pg_isready -q -h "$HB_PG_HOST" -p "$HB_PG_PORT" 2>/dev/null || port_open "$HB_PG_PORT"; }

ensure_server() {
  if server_up; then
    return
  fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql postgresql-contrib
  fi
  local version
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null ||
    pg_ctlcluster "$version" main start
  touch "$HB_RUN/postgres.started-by-hb"
  wait_for 30 server_up || die "PostgreSQL does not accept connections on $HB_PG_HOST:$HB_PG_PORT"
}

# pgvector: Debian ships it from trixie on; bookworm has none, so build it from the source package.
ensure_pgvector() {
  local available
  available="$("${PSQL[@]}" -At -d postgres -c "select count(*) from pg_available_extensions where name = 'vector'")"
  [ "$available" = 1 ] && return
  local major
  major="$(pg_major)"
  if is_root && have apt-get && apt-cache show "postgresql-$major-pgvector" >/dev/null 2>&1; then
    apt_install "postgresql-$major-pgvector"
  else
    build_pgvector "$major"
  fi
}

build_pgvector() {
  local major="$1" work="$HB_STATE/build/pgvector"
  apt_install "postgresql-server-dev-$major" build-essential dpkg-dev
  mkdir -p "$work/lists/partial"
  local mirror
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -E '^[[:space:]]*(URIs:|deb )' | grep -oE 'https?://[^ ]+' | grep -E '/debian/?$' | head -1 || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  cat >"$work/pgvector.sources" <<SOURCES
Types: deb-src
URIs: ${mirror%/}
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  local apt_opts=(-o "Dir::Etc::sourcelist=-" -o "Dir::Etc::sourceparts=$work" -o "Dir::State::Lists=$work/lists")
  log "fetching the pgvector source package (Debian trixie)"
  (cd "$work" && apt-get "${apt_opts[@]}" update -qq >/dev/null &&
    rm -rf pgvector-*/ && apt-get "${apt_opts[@]}" source -qq --download-only pgvector >/dev/null &&
    dpkg-source -x --no-check pgvector_*.dsc >/dev/null)
  local src
  src="$(ls -d "$work"/pgvector-*/ | head -1)"
  log "building pgvector in $src"
  make -s -C "$src" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" >/dev/null
  make -s -C "$src" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" install >/dev/null
}

# One database per purpose (the fleet's, and the tests'), one schema and login role per service.
ensure_database() {
  local db="$1" schema role
  if [ "$("${PSQL[@]}" -At -d postgres -c "select count(*) from pg_database where datname = '$db'")" != 1 ]; then
    log "creating database $db"
    "${PSQL[@]}" -d postgres -c "create database $db"
  fi
  {
    echo "create extension if not exists vector;"
    echo "revoke all on database $db from public;"
    echo "revoke create on schema public from public;"
    for schema in "${HB_SCHEMAS[@]}"; do
      role="hb_$schema"
      cat <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$role') then
    create role $role login password '$role';
  end if;
end \$\$;
alter role $role nosuperuser nocreatedb nocreaterole nobypassrls;
grant connect, temporary on database $db to $role;
create schema if not exists $schema authorization $role;
alter schema $schema owner to $role;
revoke all on schema $schema from public;
alter role $role in database $db set search_path = $schema, public;
SQL
    done
  } | "${PSQL[@]}" -d "$db" >/dev/null
}

ensure_server
ensure_pgvector
ensure_database hirebuddha
ensure_database hirebuddha_test
log "PostgreSQL ready on $HB_PG_HOST:$HB_PG_PORT (databases hirebuddha, hirebuddha_test; pgvector $("${PSQL[@]}" -At -d hirebuddha -c "select extversion from pg_extension where extname='vector'"))"
