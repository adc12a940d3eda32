#!/usr/bin/env bash
# Ensures Redis answers on 127.0.0.1:6379: uses a running one, else starts (and if needed
# installs) redis-server with no persistence, as the gateway only keeps rate-limit buckets there.
source "$(dirname "$0")/lib.sh"

redis_up() { have redis-cli && [ "$(redis-cli -h 127.0.0.1 -p "$HB_REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

if redis_up || { ! have redis-cli && port_open "$HB_REDIS_PORT"; }; then
  exit 0
fi
have redis-server || apt_install redis-server
log "starting Redis on 127.0.0.1:$HB_REDIS_PORT"
mkdir -p "$HB_STATE/redis"
redis-server --daemonize yes --bind 127.0.0.1 --port "$HB_REDIS_PORT" --save "" --appendonly no \
  --dir "$HB_STATE/redis" --logfile "$HB_LOGS/redis.log" --pidfile "$HB_RUN/redis.pid"
touch "$HB_RUN/redis.started-by-hb"
wait_for 15 redis_up || die "Redis did not start; see $HB_LOGS/redis.log"
