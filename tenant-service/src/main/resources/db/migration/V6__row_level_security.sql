-- Row-level security, the second wall of tenant isolation (docs/isolation.md): a tenant row is
-- visible to itself, to its partner and to the platform only. FORCE makes it hold for the
-- table's owner, the service's own role.
alter table tenant enable row level security;
alter table tenant force row level security;
create policy tenant_isolation on tenant
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid);
