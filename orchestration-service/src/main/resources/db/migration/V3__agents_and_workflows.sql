-- orchestration-service schema, version 3: agents (immutable versions) and workflows, each
-- owned by one tenant and walled off by row-level security (docs/isolation.md).
create table agent (
    id              uuid primary key,
    tenant_id       uuid        not null,
    current_version integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    deleted_at      timestamptz
);
create index agent_tenant on agent (tenant_id, created_at) where deleted_at is null;

create table agent_version (
    agent_id           uuid        not null references agent (id),
    version            integer     not null,
    tenant_id          uuid        not null,
    name               text        not null check (length(name) between 1 and 200),
    system_prompt      text        not null check (length(system_prompt) <= 100000),
    model              jsonb       not null,
    knowledge_base_ids jsonb       not null,
    tools              jsonb       not null,
    created_by         text        not null,
    created_at         timestamptz not null,
    primary key (agent_id, version)
);

create table workflow (
    id         uuid primary key,
    tenant_id  uuid        not null,
    name       text        not null check (length(name) between 1 and 200),
    graph      jsonb       not null,
    version    integer     not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    deleted_at timestamptz
);
create index workflow_tenant on workflow (tenant_id, created_at) where deleted_at is null;

alter table agent enable row level security;
alter table agent force row level security;
create policy agent_isolation on agent
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table agent_version enable row level security;
alter table agent_version force row level security;
create policy agent_version_isolation on agent_version
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table workflow enable row level security;
alter table workflow force row level security;
create policy workflow_isolation on workflow
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
