-- The organization tree and its lifecycle: tenants belong to the platform (partner_id null) or
-- to one partner; settings and plan limits per tenant; every status change is audited.
alter table partner add column status_reason text check (length(status_reason) <= 500);

alter table tenant add column partner_id uuid references partner (id);
alter table tenant add column subdomain text
    check (subdomain ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$');
alter table tenant add column status_reason_code text;
alter table tenant add column requests_per_minute integer check (requests_per_minute between 1 and 1000000);
alter table tenant add column monthly_token_budget bigint check (monthly_token_budget >= 0);
alter table tenant add column storage_mb integer check (storage_mb >= 0);
alter table tenant add column default_model text check (length(default_model) <= 200);
create unique index tenant_subdomain on tenant (subdomain) where subdomain is not null;
create index tenant_partner on tenant (partner_id, created_at);

create table organization_status_change (
    id          bigint generated always as identity primary key,
    org_type    text        not null check (org_type in ('TENANT', 'PARTNER')),
    org_id      uuid        not null,
    from_status text        not null,
    to_status   text        not null,
    reason_code text        not null,
    reason      text,
    actor       text        not null,
    changed_at  timestamptz not null
);
create index organization_status_change_org on organization_status_change (org_id, changed_at);
