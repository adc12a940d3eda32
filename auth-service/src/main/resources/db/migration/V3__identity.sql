-- auth-service schema, version 3: users, sessions, signing keys, API keys, single sign-on.
-- Secrets are never stored in the clear: passwords as Argon2id, tokens and keys as SHA-256
-- of high-entropy random values, signing keys encrypted with AES-256-GCM (docs/security.md).

create table signing_key (
    kid         text primary key,
    public_jwk  text        not null,
    private_key bytea       not null,
    created_at  timestamptz not null,
    retired_at  timestamptz
);

create table app_user (
    id                uuid primary key,
    email             text        not null check (length(email) between 3 and 254),
    name              text        not null check (length(name) between 1 and 200),
    password_hash     text,
    role              text        not null check (role in ('PLATFORM_ADMIN', 'PARTNER_ADMIN', 'TENANT_ADMIN', 'TENANT_MEMBER')),
    tenant_id         uuid,
    partner_id        uuid,
    email_verified_at timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index app_user_email on app_user (lower(email));
create index app_user_tenant on app_user (tenant_id);

-- A login session: one refresh-token family with an absolute end.
create table session_family (
    id            uuid primary key,
    user_id       uuid        not null references app_user (id) on delete cascade,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    revoke_reason text
);
create index session_family_user on session_family (user_id) where revoked_at is null;

create table refresh_token (
    token_hash bytea primary key,
    family_id  uuid        not null references session_family (id) on delete cascade,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index refresh_token_family on refresh_token (family_id);

-- Single-use tokens sent by email: verification, password reset, invitation.
create table one_time_token (
    token_hash bytea primary key,
    purpose    text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    user_id    uuid        not null references app_user (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index one_time_token_user on one_time_token (user_id, purpose) where used_at is null;

create table invitation (
    id          uuid primary key,
    token_hash  bytea       not null unique,
    tenant_id   uuid        not null,
    email       text        not null,
    role        text        not null check (role in ('TENANT_ADMIN', 'TENANT_MEMBER')),
    invited_by  uuid        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz
);
create index invitation_email on invitation (lower(email)) where accepted_at is null;

-- Failed sign-in counters per account and per client address (login throttling).
create table login_throttle (
    key               text primary key,
    failures          integer     not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz
);

create table api_key (
    id                    uuid primary key,
    prefix                text        not null unique,
    secret_hash           bytea       not null,
    name                  text        not null check (length(name) between 1 and 200),
    role                  text        not null,
    tenant_id             uuid,
    partner_id            uuid,
    scopes                text        not null,
    rate_limit_per_minute integer check (rate_limit_per_minute between 1 and 100000),
    created_by            text        not null,
    created_at            timestamptz not null,
    expires_at            timestamptz,
    last_used_at          timestamptz,
    revoked_at            timestamptz
);
create index api_key_tenant on api_key (tenant_id, created_at);

-- An external identity (OIDC issuer + subject) linked to a local user.
create table sso_identity (
    issuer     text        not null,
    subject    text        not null,
    user_id    uuid        not null references app_user (id) on delete cascade,
    created_at timestamptz not null,
    primary key (issuer, subject)
);

-- One-time codes that hand a finished single sign-on to the console without tokens in URLs.
create table sso_code (
    code_hash  bytea primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    expires_at timestamptz not null,
    used_at    timestamptz
);
