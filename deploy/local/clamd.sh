#!/usr/bin/env bash
# Starts a local clamd for ingestion-service's upload scan, when Debian's clamav-daemon is installed
# (`make test` installs it; `make up` uses it if it is there and says so either way). Its signatures
# are the system's (/var/lib/clamav, kept by freshclam where a network allows) or, where there are
# none, the EICAR test file's hash only: no signature updates can be downloaded here, so that
# clamd proves the path, not protection. The socket is .hb/clamd/clamd.sock.
source "$(dirname "$0")/lib.sh"
dir="$HB_STATE/clamd"
socket="$dir/clamd.sock"
if ! [ -x /usr/sbin/clamd ]; then
  log "clamd not installed: uploads are not scanned (apt-get install clamav-daemon to scan them)"
  exit 0
fi
if pid_alive "$HB_RUN/clamd.pid" && [ -S "$socket" ]; then
  exit 0
fi
mkdir -p "$dir/db" "$HB_RUN" "$HB_LOGS"
if ls /var/lib/clamav/*.c[vl]d >/dev/null 2>&1; then
  database=/var/lib/clamav
  what="the system's signatures"
else
  database="$dir/db"
  eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
  printf '%s:%s:Eicar-Test-Signature\n' "$(printf '%s' "$eicar" | md5sum | cut -d' ' -f1)" "${#eicar}" >"$dir/db/local.hdb"
  what="only the EICAR test signature (no signature database is installed)"
fi
cat >"$dir/clamd.conf" <<CONF
DatabaseDirectory $database
LocalSocket $socket
Foreground yes
TemporaryDirectory $dir
StreamMaxLength 60M
$(is_root && echo "User root")
CONF
rm -f "$socket"
nohup /usr/sbin/clamd --config-file="$dir/clamd.conf" >>"$HB_LOGS/clamd.log" 2>&1 &
echo $! >"$HB_RUN/clamd.pid"
for _ in $(seq 1 120); do
  [ -S "$socket" ] && { log "clamd scans uploads on $socket with $what"; exit 0; }
  sleep 0.5
done
warn "clamd did not open its socket; see $HB_LOGS/clamd.log"
