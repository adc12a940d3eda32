-- Partners (resellers) that onboard tenants of their own.
create table partner (
    id         uuid primary key,
    name       text        not null check (length(name) between 1 and 200),
    status     text        not null check (status in ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index partner_created_at on partner (created_at, id);
