-- billing-service schema, version 1.1: one billing account per tenant, opened from tenant.events
-- (the event plumbing is commons' V1).
create table billing_account (
    tenant_id       uuid primary key,
    tenant_name     text        not null,
    currency        text        not null default 'USD',
    opened_at       timestamptz not null default now(),
    source_event_id uuid        not null
);
