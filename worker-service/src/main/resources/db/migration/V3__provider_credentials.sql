-- worker-service schema, version 3: tenants' own model-provider keys, AES-256-GCM encrypted
-- with a key from configuration (key id stored, so the key can rotate), never readable back
-- through the API; walled off by row-level security (docs/isolation.md).
create table provider_credential (
    tenant_id   uuid        not null,
    provider    text        not null,
    key_id      text        not null,
    secret      bytea       not null,
    base_url    text,
    updated_by  text        not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, provider)
);
alter table provider_credential enable row level security;
alter table provider_credential force row level security;
create policy provider_credential_isolation on provider_credential
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
