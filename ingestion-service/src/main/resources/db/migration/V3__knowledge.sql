-- ingestion-service schema, version 3: knowledge bases, their documents and chunks, and the
-- pipeline's fairness turns. Every table is a tenant's and walled off by forced row-level
-- security (docs/isolation.md); the pipeline itself runs in the system scope.
create table knowledge_base (
    id              uuid primary key,
    tenant_id       uuid        not null,
    name            text        not null check (length(name) between 1 and 200),
    description     text        not null default '' check (length(description) <= 2000),
    embedding_model text        not null check (length(embedding_model) between 1 and 200),
    chunk_tokens    integer     not null check (chunk_tokens between 32 and 2048),
    overlap_tokens  integer     not null check (overlap_tokens >= 0 and overlap_tokens < chunk_tokens),
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index knowledge_base_tenant on knowledge_base (tenant_id, created_at desc);

-- one uploaded file (or text) and where the pipeline is with it; a lease (owner, until) says
-- which instance works on it, next_attempt_at when it may be taken again
create table document (
    id                uuid primary key,
    tenant_id         uuid        not null,
    knowledge_base_id uuid        not null references knowledge_base (id) on delete cascade,
    name              text        not null check (length(name) between 1 and 500),
    media_type        text        not null,
    size_bytes        bigint      not null check (size_bytes >= 0),
    sha256            text        not null,
    blob_key          text        not null,
    metadata          jsonb       not null default '{}',
    status            text        not null
        check (status in ('UPLOADED', 'EXTRACTING', 'CHUNKING', 'EMBEDDING', 'READY', 'FAILED')),
    failure_reason    text,
    progress_done     integer     not null default 0,
    progress_total    integer     not null default 0,
    progress_unit     text        not null default 'chunks' check (progress_unit in ('pages', 'chunks')),
    pages             integer,
    chunk_count       integer     not null default 0,
    embedding_tokens  bigint      not null default 0,
    attempts          integer     not null default 0,
    lease_owner       text,
    lease_until       timestamptz,
    next_attempt_at   timestamptz not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    ready_at          timestamptz
);
create index document_list on document (knowledge_base_id, created_at desc, id);
create index document_pending on document (next_attempt_at) where status not in ('READY', 'FAILED');

-- a passage of a document, keyed by its content and place (content_key) so a retry or a
-- reindex finds the chunk it already has, embedding included, instead of adding another
create table chunk (
    id                uuid primary key,
    tenant_id         uuid        not null,
    knowledge_base_id uuid        not null,
    document_id       uuid        not null references document (id) on delete cascade,
    content_key       text        not null,
    ordinal           integer     not null,
    content           text        not null,
    page              integer,
    heading_path      text[]      not null default '{}',
    start_offset      integer     not null,
    end_offset        integer     not null,
    token_count       integer     not null,
    embedding         public.vector(384),
    lexemes           tsvector    not null,
    created_at        timestamptz not null,
    unique (document_id, content_key)
);
create index chunk_embedding on chunk using hnsw (embedding public.vector_cosine_ops);
create index chunk_lexemes on chunk using gin (lexemes);
create index chunk_document on chunk (document_id, ordinal);
create index chunk_scope on chunk (tenant_id, knowledge_base_id);
create index chunk_unembedded on chunk (document_id, ordinal) where embedding is null;

-- when each tenant last had a document taken: the next claim favours the tenant waiting longest
create table ingestion_turn (
    tenant_id       uuid primary key,
    last_claimed_at timestamptz not null
);

-- what ingestion needs to know of each tenant, learnt from tenant.events: its partner (for the
-- usage it records) and its plan limit on knowledge-base storage (null: none)
create table tenant_profile (
    tenant_id  uuid primary key,
    partner_id uuid,
    storage_mb integer,
    updated_at timestamptz not null
);

alter table knowledge_base enable row level security;
alter table knowledge_base force row level security;
create policy knowledge_base_isolation on knowledge_base
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table document enable row level security;
alter table document force row level security;
create policy document_isolation on document
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table chunk enable row level security;
alter table chunk force row level security;
create policy chunk_isolation on chunk
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table ingestion_turn enable row level security;
alter table ingestion_turn force row level security;
create policy ingestion_turn_isolation on ingestion_turn
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
alter table tenant_profile enable row level security;
alter table tenant_profile force row level security;
create policy tenant_profile_isolation on tenant_profile
    using (current_setting('hb.scope', true) in ('platform', 'system')
           or tenant_id = nullif(current_setting('hb.tenant_id', true), '')::uuid);
