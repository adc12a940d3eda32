-- billing-service schema, version 5: invoices (docs/billing.md, "Invoices").

-- The next number of each issuer's series (the platform, or a partner billing its tenants). It
-- moves in the transaction that issues the invoice, so a rolled-back issue leaves no gap.
create table invoice_series (
    issuer      text primary key,
    next_number bigint not null
);

-- An issued invoice never changes. It covers the tenant's ledger rows that occurred before
-- period_end and were written up to through_entry, minus what the previous invoice covered
-- (occurred before its period_end and written up to its through_entry): a late row of an
-- invoiced month lands on the next invoice instead of being lost.
create table invoice (
    id            uuid primary key,
    number        text        not null unique,
    issuer        text        not null,
    sequence      bigint      not null,
    tenant_id     uuid        not null,
    partner_id    uuid,
    period_start  timestamptz not null,
    period_end    timestamptz not null,
    through_entry bigint      not null,
    currency      text        not null,
    calls         bigint      not null,
    total_micros  bigint      not null,
    issued_at     timestamptz not null,
    due_at        timestamptz not null,
    unique (issuer, sequence),
    unique (tenant_id, period_start)
);
create index invoice_tenant on invoice (tenant_id, period_start desc);
create index invoice_partner on invoice (partner_id, period_start desc) where partner_id is not null;

create table invoice_line (
    invoice_id       uuid   not null,
    line             int    not null,
    tenant_id        uuid   not null,
    sku              text   not null,
    calls            bigint not null,
    input_tokens     bigint not null,
    output_tokens    bigint not null,
    embedding_tokens bigint not null,
    amount_micros    bigint not null,
    primary key (invoice_id, line)
);

create trigger invoice_immutable before update or delete on invoice
    for each row execute function refuse_rewrite();
create trigger invoice_no_truncate before truncate on invoice
    for each statement execute function refuse_rewrite();
create trigger invoice_line_immutable before update or delete on invoice_line
    for each row execute function refuse_rewrite();
create trigger invoice_line_no_truncate before truncate on invoice_line
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on invoice, invoice_line from current_user;

alter table invoice enable row level security;
alter table invoice force row level security;
create policy invoice_isolation on invoice
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid);
alter table invoice_line enable row level security;
alter table invoice_line force row level security;
create policy invoice_line_isolation on invoice_line
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or exists (select 1 from invoice i where i.id = invoice_id
                      and i.partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid));
