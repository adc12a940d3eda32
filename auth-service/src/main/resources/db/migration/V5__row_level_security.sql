-- Row-level security, the second wall of tenant isolation (docs/isolation.md): API keys are
-- visible to their tenant, their partner (partner keys) or the platform only, whatever a
-- query forgets. FORCE makes it hold for the table's owner, the service's own role.
-- Users and invitations are read across tenants by design (sign-in and sign-up happen before
-- a tenant is known); their queries are scoped in code.
alter table api_key enable row level security;
alter table api_key force row level security;
create policy api_key_isolation on api_key
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or (tenant_id is null and partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid));
