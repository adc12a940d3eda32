-- billing-service schema, version 9: the organizations billing knows (from tenant.events), so
-- that an id a request names is resolved in the caller's scope: a tenant of another partner,
-- or one that does not exist, answers 404 instead of an empty page.
create table tenant_directory (
    tenant_id  uuid primary key,
    partner_id uuid,
    updated_at timestamptz not null default now()
);
create index tenant_directory_partner on tenant_directory (partner_id) where partner_id is not null;

create table partner_directory (
    partner_id uuid primary key,
    updated_at timestamptz not null default now()
);

-- what billing already learned about tenants before the directory existed; the directory's
-- own consumer group replays tenant.events (compacted) from the start and completes it
insert into tenant_directory (tenant_id, partner_id)
select a.tenant_id, (select b.partner_id from ledger_balance b where b.tenant_id = a.tenant_id
                     and b.partner_id is not null limit 1)
from billing_account a
on conflict do nothing;

alter table tenant_directory enable row level security;
alter table tenant_directory force row level security;
create policy tenant_directory_isolation on tenant_directory
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid
           or partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid);
alter table partner_directory enable row level security;
alter table partner_directory force row level security;
create policy partner_directory_isolation on partner_directory
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or partner_id = nullif(current_setting('hb.partner_id', true), '')::uuid);
