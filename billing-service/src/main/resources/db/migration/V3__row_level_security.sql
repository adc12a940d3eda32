-- Row-level security, the second wall of tenant isolation (docs/isolation.md): a tenant's
-- billing rows are visible to that tenant and to the platform (and to the service's own
-- background work) only. FORCE makes it hold for the table's owner, the service's own role.
alter table billing_account enable row level security;
alter table billing_account force row level security;
create policy billing_account_isolation on billing_account
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
