-- billing-service schema, version 4: rate cards and the ledger (docs/billing.md).

-- A rate card row is one version of one price: what the platform pays per SKU (COST), what a
-- partner's tenants pay (PRICE with partner_id) or direct tenants pay (PRICE without), and a
-- partner's commission (COMMISSION). Rows are never changed: a new price is a new row valid
-- from a moment that has not passed yet, and the card in force at time t is the newest row
-- (for the same kind, partner and SKU) whose valid_from <= t. '*' is the SKU of a card that
-- covers every SKU without a card of its own.
create table rate_card (
    id                           uuid primary key,
    version                      bigint generated always as identity unique,
    kind                         text        not null check (kind in ('COST', 'PRICE', 'COMMISSION')),
    partner_id                   uuid,
    sku                          text        not null check (length(sku) between 1 and 200),
    input_micros_per_million     bigint check (input_micros_per_million >= 0),
    output_micros_per_million    bigint check (output_micros_per_million >= 0),
    embedding_micros_per_million bigint check (embedding_micros_per_million >= 0),
    markup_bps                   integer check (markup_bps between -10000 and 1000000),
    commission_bps               integer check (commission_bps between 0 and 10000),
    currency                     text        not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
    valid_from                   timestamptz not null,
    created_at                   timestamptz not null default now(),
    created_by                   text        not null,
    check (kind <> 'COST' or partner_id is null),
    check (kind <> 'COMMISSION' or (partner_id is not null and commission_bps is not null)),
    check (kind = 'COMMISSION' or commission_bps is null),
    check (kind = 'PRICE' or markup_bps is null),
    check (kind = 'COMMISSION' or markup_bps is not null
           or (input_micros_per_million is not null and output_micros_per_million is not null))
);
create index rate_card_in_force on rate_card (kind, sku, partner_id, valid_from desc, version desc);

-- The ledger: one row per priced provider call (USAGE) and one per correction (REVERSAL, the
-- negated amounts of the row it reverses). event_id is the usage event's id, so a redelivered
-- event inserts nothing; a reversal's id is derived from the row it reverses. No foreign keys:
-- PostgreSQL checks one by locking the referenced row, which needs the UPDATE privilege this
-- schema withholds from everybody (the service writes only card versions and rows it read).
create table ledger_entry (
    id                 bigint generated always as identity primary key,
    event_id           uuid        not null unique,
    kind               text        not null check (kind in ('USAGE', 'REVERSAL')),
    reverses           bigint unique,
    tenant_id          uuid        not null,
    partner_id         uuid,
    execution_id       uuid,
    node_id            text,
    attempt            integer,
    agent_id           uuid,
    agent_version      integer,
    sku                text        not null,
    input_tokens       bigint      not null,
    output_tokens      bigint      not null,
    embedding_tokens   bigint      not null default 0,
    cost_micros        bigint      not null,
    price_micros       bigint      not null,
    commission_micros  bigint      not null,
    currency           text        not null,
    cost_card          bigint,
    price_card         bigint,
    commission_card    bigint,
    simulated          boolean     not null default false,
    reason             text,
    occurred_at        timestamptz not null,
    recorded_at        timestamptz not null default now(),
    check ((kind = 'REVERSAL') = (reverses is not null))
);
create index ledger_entry_tenant_time on ledger_entry (tenant_id, occurred_at, id);
create index ledger_entry_partner_time on ledger_entry (partner_id, occurred_at, id) where partner_id is not null;
create index ledger_entry_time on ledger_entry (occurred_at, id);
create index ledger_entry_call on ledger_entry (execution_id, node_id, attempt) where kind = 'USAGE';

-- What each tenant's rows add up to, kept in the transaction that writes them; the
-- reconciliation checks it against the rows.
create table ledger_balance (
    tenant_id         uuid primary key,
    partner_id        uuid,
    entries           bigint      not null default 0,
    input_tokens      bigint      not null default 0,
    output_tokens     bigint      not null default 0,
    embedding_tokens  bigint      not null default 0,
    cost_micros       bigint      not null default 0,
    price_micros      bigint      not null default 0,
    commission_micros bigint      not null default 0,
    updated_at        timestamptz not null default now()
);

create table reconciliation_run (
    id          uuid primary key,
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    ok          boolean     not null,
    report      jsonb       not null
);

-- Nobody rewrites a price or the ledger, the service's own role included: the triggers fire
-- for the table's owner too, and the privileges are revoked from it as well.
create function refuse_rewrite() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: its rows are never changed (docs/billing.md)', tg_op, tg_table_name
        using errcode = '42501';
end
$$;
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function refuse_rewrite();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function refuse_rewrite();
create trigger rate_card_insert_only before update or delete on rate_card
    for each row execute function refuse_rewrite();
create trigger rate_card_no_truncate before truncate on rate_card
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on ledger_entry, rate_card from current_user;

-- Row-level security (docs/isolation.md): a tenant sees its rows, a partner its tenants' rows.
alter table ledger_entry enable row level security;
alter table ledger_entry force row level security;
create policy ledger_entry_isolation on ledger_entry
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid);
alter table ledger_balance enable row level security;
alter table ledger_balance force row level security;
create policy ledger_balance_isolation on ledger_balance
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid);

-- The platform's cost of the catalog's models (list prices, per million tokens), and the
-- default price for direct tenants: cost plus 20 %. Platform admins change both through
-- PUT /rate-cards; the seed is valid from 2000 on, so that every usage has a cost.
insert into rate_card (id, kind, sku, input_micros_per_million, output_micros_per_million, valid_from, created_by)
values (gen_random_uuid(), 'COST', 'simulator/sim-1', 500000, 1500000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'openai/gpt-4.1', 2000000, 8000000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'openai/gpt-4.1-mini', 400000, 1600000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'openai/gpt-4o-mini', 150000, 600000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'anthropic/claude-sonnet-4-5', 3000000, 15000000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'anthropic/claude-haiku-4-5', 1000000, 5000000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'gemini/gemini-2.5-pro', 1250000, 10000000, '2000-01-01 00:00:00+00', 'seed'),
       (gen_random_uuid(), 'COST', 'gemini/gemini-2.5-flash', 300000, 2500000, '2000-01-01 00:00:00+00', 'seed');
insert into rate_card (id, kind, sku, markup_bps, valid_from, created_by)
values (gen_random_uuid(), 'PRICE', '*', 2000, '2000-01-01 00:00:00+00', 'seed');
