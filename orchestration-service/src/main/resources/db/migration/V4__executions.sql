-- orchestration-service schema, version 4: executions, their steps and their event
-- history (what SSE replays), and Idempotency-Key records. Row-level security as for
-- agents (docs/isolation.md).
create table execution (
    id             uuid primary key,
    tenant_id      uuid        not null,
    partner_id     uuid,
    agent_id       uuid,
    agent_version  integer,
    workflow_id    uuid,
    workflow_version integer,
    input          jsonb       not null,
    status         text        not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    output         text,
    error          jsonb,
    input_tokens   bigint      not null default 0,
    output_tokens  bigint      not null default 0,
    cost_micros    bigint      not null default 0,
    created_by     text        not null,
    created_at     timestamptz not null,
    started_at     timestamptz,
    finished_at    timestamptz,
    cancel_requested_at timestamptz,
    deadline       timestamptz not null,
    updated_at     timestamptz not null,
    check ((agent_id is null) <> (workflow_id is null))
);
create index execution_tenant on execution (tenant_id, created_at desc);
create index execution_unfinished on execution (deadline) where status in ('PENDING', 'RUNNING');

create table execution_step (
    execution_id  uuid        not null references execution (id),
    node_id       text        not null,
    tenant_id     uuid        not null,
    node_type     text        not null,
    status        text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
    attempts      integer     not null default 1,
    model         text,
    output        text,
    error         jsonb,
    input_tokens  bigint      not null default 0,
    output_tokens bigint      not null default 0,
    cost_micros   bigint      not null default 0,
    started_at    timestamptz,
    finished_at   timestamptz,
    primary key (execution_id, node_id)
);

-- what happened, in the order this service learned it: the id is the SSE event id
create table execution_event (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    execution_id uuid        not null references execution (id),
    tenant_id    uuid        not null,
    type         text        not null,
    data         jsonb       not null,
    created_at   timestamptz not null default now()
);
create index execution_event_replay on execution_event (execution_id, id);

-- Stripe's semantics: a key names one request for 24 hours
create table idempotency_key (
    tenant_id    uuid        not null,
    key          text        not null check (length(key) between 1 and 255),
    request_hash text        not null,
    execution_id uuid        not null references execution (id),
    created_at   timestamptz not null,
    primary key (tenant_id, key)
);

alter table execution enable row level security;
alter table execution force row level security;
create policy execution_isolation on execution
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table execution_step enable row level security;
alter table execution_step force row level security;
create policy execution_step_isolation on execution_step
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table execution_event enable row level security;
alter table execution_event force row level security;
create policy execution_event_isolation on execution_event
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table idempotency_key enable row level security;
alter table idempotency_key force row level security;
create policy idempotency_key_isolation on idempotency_key
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
