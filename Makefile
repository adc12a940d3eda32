# HireBuddha: the two commands first. Everything installs what it needs (see deploy/local/).
.PHONY: up down test bench status smoke build format help

up:        ## build and start the whole platform locally (PostgreSQL+pgvector, Redis, Kafka, services)
	@deploy/local/up.sh

test:      ## run every test: unit, integration (real PostgreSQL, embedded KRaft), fleet smoke
	@deploy/local/test.sh

down:      ## stop what `make up` started
	@deploy/local/down.sh

status:    ## what runs where, with health and memory
	@deploy/local/fleet.sh status

smoke:     ## end-to-end checks against the running fleet (make up first)
	@deploy/local/smoke.sh

bench:     ## measure fleet start time and memory; writes docs/benchmarks.md
	@deploy/local/bench.sh

build:     ## compile and package every module without tests
	@bash -c '. deploy/local/lib.sh && ensure_java && forget_copied_migrations && ./mvnw -q -B -DskipTests package'

format:    ## apply the code formatter (the build checks it)
	@bash -c '. deploy/local/lib.sh && ensure_java && ./mvnw -q -B io.spring.javaformat:spring-javaformat-maven-plugin:0.0.47:apply'

help:
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'
