-- The event plumbing every service carries, in its own schema (one copy, here in commons: a fix
-- to the outbox or inbox is made once). A service's own tables start at V1.1; docs/adr/0011.

-- Transactional outbox: events written in the state change's transaction, published by the relay.
create table outbox_event (
    id           uuid primary key,
    seq          bigint generated always as identity,
    topic        text        not null,
    message_key  text        not null,
    type         text        not null,
    tenant_id    uuid,
    envelope     jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_event_pending on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Inbox: ids of events this service has applied, so a redelivery changes nothing.
create table inbox_event (
    consumer    text        not null,
    event_id    uuid        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
