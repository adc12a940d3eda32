-- orchestration-service schema, version 5: which tenants have a budget (billing.events says so).
-- A run of such a tenant is reserved with billing-service before it is accepted; the others
-- start without the extra call (docs/billing.md, "Budgets").
create table budgeted_tenant (
    tenant_id  uuid primary key,
    budgeted   boolean     not null,
    changed_at timestamptz not null
);
alter table budgeted_tenant enable row level security;
alter table budgeted_tenant force row level security;
create policy budgeted_tenant_isolation on budgeted_tenant
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
