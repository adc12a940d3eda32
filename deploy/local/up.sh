#!/usr/bin/env bash
# make up: installs and starts what is missing (PostgreSQL + pgvector, Redis, Kafka), builds the
# fleet, starts every service and the LLM simulator, waits for health and says what runs where.
source "$(dirname "$0")/lib.sh"
started=$SECONDS
"$HB_ROOT/deploy/local/postgres.sh"
"$HB_ROOT/deploy/local/redis.sh"
"$HB_ROOT/deploy/local/kafka.sh"
"$HB_ROOT/deploy/local/clamd.sh"
"$HB_ROOT/deploy/local/fleet.sh" up
echo
"$HB_ROOT/deploy/local/fleet.sh" status
set -a; source "$HB_STATE/credentials.env"; set +a
cat <<INFO

  Gateway (single entry):  http://127.0.0.1:8080        health: http://127.0.0.1:8080/actuator/health
  LLM simulator (sim-1):   http://127.0.0.1:$HB_SIMULATOR_PORT/v1/chat/completions   (simulated, deterministic)
  PostgreSQL:              127.0.0.1:$HB_PG_PORT, database hirebuddha, one schema + role per service
  Redis:                   127.0.0.1:$HB_REDIS_PORT      Kafka: 127.0.0.1:$HB_KAFKA_PORT (KRaft)
  Logs:                    $HB_LOGS/<process>.log (JSON)

  Demo accounts (also in $HB_STATE/credentials.env):
    platform admin  $HB_PLATFORM_ADMIN_EMAIL  /  $HB_PLATFORM_ADMIN_PASSWORD
    partner admin   $HB_PARTNER_ADMIN_EMAIL  /  $HB_PARTNER_ADMIN_PASSWORD
    tenant admin    $HB_TENANT_ADMIN_EMAIL  /  $HB_TENANT_ADMIN_PASSWORD

  Ready in $((SECONDS - started)) s. Stop with: make down
INFO
