-- billing-service schema, version 7: payments and dunning (docs/billing.md, "Payments and dunning").

-- Money received against an invoice: by card through the payment provider, or recorded by an
-- admin (a bank transfer). Never changed; a refund would be a new row with a negative amount.
create table payment (
    id                 uuid primary key,
    invoice_id         uuid        not null,
    tenant_id          uuid        not null,
    amount_micros      bigint      not null,
    method             text        not null check (method in ('card', 'manual')),
    provider_reference text unique,
    reference          text,
    paid_at            timestamptz not null,
    recorded_by        text        not null
);
create index payment_invoice on payment (invoice_id);

create trigger payment_immutable before update or delete on payment
    for each row execute function refuse_rewrite();
create trigger payment_no_truncate before truncate on payment
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on payment from current_user;

-- Which dunning steps an overdue invoice went through (reminders, suspension), each once.
create table dunning_step (
    invoice_id uuid        not null,
    step       text        not null,
    tenant_id  uuid        not null,
    at         timestamptz not null default now(),
    primary key (invoice_id, step)
);

alter table payment enable row level security;
alter table payment force row level security;
create policy payment_isolation on payment
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or exists (select 1 from invoice i where i.id = invoice_id
                      and i.partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid));
alter table dunning_step enable row level security;
alter table dunning_step force row level security;
create policy dunning_step_isolation on dunning_step
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
