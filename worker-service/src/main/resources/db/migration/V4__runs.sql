-- worker-service schema, version 4: runs and their nodes. A run is leased by one worker
-- at a time; a worker that dies leaves its lease to expire and another resumes the run
-- from its finished nodes (docs/executions.md). Row-level security as everywhere.
create table run (
    execution_id     uuid primary key,
    tenant_id        uuid        not null,
    partner_id       uuid,
    request          jsonb       not null,
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    owner            text,
    lease_until      timestamptz,
    claims           integer     not null default 0,
    cancel_requested boolean     not null default false,
    deadline         timestamptz not null,
    output           text,
    error            jsonb,
    input_tokens     bigint      not null default 0,
    output_tokens    bigint      not null default 0,
    cost_micros      bigint      not null default 0,
    announced        boolean     not null default false,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz
);
create index run_claimable on run (lease_until nulls first) where status in ('QUEUED', 'RUNNING');
create index run_unannounced on run (finished_at) where not announced and status in ('SUCCEEDED', 'FAILED', 'CANCELLED');

create table run_node (
    execution_id  uuid        not null references run (execution_id),
    node_id       text        not null,
    tenant_id     uuid        not null,
    node_type     text        not null,
    status        text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
    attempts      integer     not null default 0,
    output        text,
    error         jsonb,
    branch        boolean,
    model         text,
    input_tokens  bigint      not null default 0,
    output_tokens bigint      not null default 0,
    cost_micros   bigint      not null default 0,
    started_at    timestamptz,
    finished_at   timestamptz,
    primary key (execution_id, node_id)
);

alter table run enable row level security;
alter table run force row level security;
create policy run_isolation on run
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table run_node enable row level security;
alter table run_node force row level security;
create policy run_node_isolation on run_node
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
