-- billing-service schema, version 6: budgets and quotas (docs/billing.md, "Budgets").

-- A monthly (calendar month, UTC) limit on a tenant's spending (api_key_id null) or one API
-- key's: money in micro-units and/or tokens. Crossing soft_percent of a limit sends a warning;
-- a run that would cross the limit is refused before it starts.
create table budget (
    id           uuid primary key,
    tenant_id    uuid        not null,
    api_key_id   uuid,
    limit_micros bigint check (limit_micros >= 0),
    limit_tokens bigint check (limit_tokens >= 0),
    soft_percent integer     not null default 80 check (soft_percent between 1 and 100),
    updated_at   timestamptz not null default now(),
    updated_by   text        not null,
    unique nulls not distinct (tenant_id, api_key_id)
);

-- The plan's monthly token budget of each tenant, as tenant-service announces it.
create table plan_limit (
    tenant_id      uuid primary key,
    monthly_tokens bigint,
    updated_at     timestamptz not null default now()
);

-- What each tenant (api_key_id = the nil UUID) and each API key spent per month, moved in the
-- ledger's own transaction.
create table monthly_spend (
    tenant_id    uuid   not null,
    api_key_id   uuid   not null,
    month        date   not null,
    price_micros bigint not null default 0,
    tokens       bigint not null default 0,
    primary key (tenant_id, api_key_id, month)
);

-- The estimated cost of a run, held from its start until its usage is priced (each priced call
-- takes its amount off) or it ends; a reservation whose run outlived its deadline lapses.
create table budget_reservation (
    execution_id  uuid primary key,
    tenant_id     uuid        not null,
    api_key_id    uuid,
    amount_micros bigint      not null,
    tokens        bigint      not null,
    expires_at    timestamptz not null,
    created_at    timestamptz not null default now()
);
create index budget_reservation_tenant on budget_reservation (tenant_id, expires_at);

-- Which warnings and refusals were announced this month, so each is announced once.
create table budget_alert (
    budget_id uuid        not null,
    month     date        not null,
    level     text        not null check (level in ('WARNING', 'EXCEEDED')),
    at        timestamptz not null default now(),
    primary key (budget_id, month, level)
);


alter table budget enable row level security;
alter table budget force row level security;
create policy budget_isolation on budget
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table plan_limit enable row level security;
alter table plan_limit force row level security;
create policy plan_limit_isolation on plan_limit
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table monthly_spend enable row level security;
alter table monthly_spend force row level security;
create policy monthly_spend_isolation on monthly_spend
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table budget_reservation enable row level security;
alter table budget_reservation force row level security;
create policy budget_reservation_isolation on budget_reservation
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);

-- the API key that started the run, when one did (a per-key budget counts its rows)
alter table ledger_entry add column api_key_id uuid;
