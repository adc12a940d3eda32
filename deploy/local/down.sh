#!/usr/bin/env bash
# make down: stops only what make up started; PostgreSQL and Redis only if make up started them.
source "$(dirname "$0")/lib.sh"
"$HB_ROOT/deploy/local/fleet.sh" down
stop_pid_file "$HB_RUN/kafka.pid"
stop_pid_file "$HB_RUN/clamd.pid"
if [ -f "$HB_RUN/redis.started-by-hb" ]; then
  stop_pid_file "$HB_RUN/redis.pid" redis-server
  rm -f "$HB_RUN/redis.started-by-hb"
fi
if [ -f "$HB_RUN/postgres.started-by-hb" ]; then
  log "stopping PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop || true
  rm -f "$HB_RUN/postgres.started-by-hb"
fi
log "stopped"
