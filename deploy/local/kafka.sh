#!/usr/bin/env bash
# Ensures a single-node KRaft Kafka broker (Apache Kafka jars from Maven Central, its own JVM)
# runs on 127.0.0.1:9092 with the platform's topics. Idempotent; uses a broker that already runs.
source "$(dirname "$0")/lib.sh"

KAFKA_HOME="$HB_STATE/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
PID_FILE="$HB_RUN/kafka.pid"
HERE="$HB_ROOT/deploy/local"

fetch_jars() {
  local marker="$KAFKA_LIBS/.complete-$(md5sum <"$HERE/kafka/pom.xml" | cut -c1-12)"
  [ -f "$marker" ] && return
  log "fetching the Kafka broker jars from Maven Central"
  rm -rf "$KAFKA_LIBS"
  "$HB_ROOT/mvnw" -q -B -f "$HERE/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS" -DincludeScope=runtime >/dev/null
  touch "$marker"
}

write_config() {
  mkdir -p "$KAFKA_HOME/data"
  cat >"$KAFKA_HOME/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$HB_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$HB_KAFKA_PORT,CONTROLLER://127.0.0.1:$HB_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$HB_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPERTIES
}

kafka_java() {
  "$JAVA_HOME/bin/java" -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -cp "$KAFKA_LIBS/*" "$@"
}

start_broker() {
  if [ ! -f "$KAFKA_HOME/data/meta.properties" ]; then
    log "formatting Kafka storage"
    kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
      -c "$KAFKA_HOME/server.properties" >/dev/null
  fi
  log "starting Kafka on 127.0.0.1:$HB_KAFKA_PORT"
  nohup "$JAVA_HOME/bin/java" -Xms128m -Xmx512m -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -cp "$KAFKA_LIBS/*" \
    kafka.Kafka "$KAFKA_HOME/server.properties" >>"$HB_LOGS/kafka.log" 2>&1 &
  echo $! >"$PID_FILE"
  wait_for 60 port_open "$HB_KAFKA_PORT" || die "Kafka did not start; see $HB_LOGS/kafka.log"
}

ensure_java
if port_open "$HB_KAFKA_PORT"; then
  pid_alive "$PID_FILE" || log "using the Kafka broker already listening on 127.0.0.1:$HB_KAFKA_PORT"
else
  fetch_jars
  write_config
  start_broker
fi
fetch_jars
kafka_java "$HERE/kafka/CreateTopics.java" "127.0.0.1:$HB_KAFKA_PORT" "$HERE/topics.conf" | sed 's/^/[hb] kafka /' >&2
