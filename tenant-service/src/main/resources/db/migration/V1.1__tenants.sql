-- tenant-service schema, version 1.1: tenants (the event plumbing is commons' V1).
create table tenant (
    id         uuid primary key,
    name       text        not null check (length(name) between 1 and 200),
    status     text        not null check (status in ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index tenant_created_at on tenant (created_at, id);
