-- The foundation: organizations, the directory, grants, tokens, the audit trail, settings.
-- Dates are INTEGER milliseconds since the Unix epoch (UTC).

CREATE TABLE organizations (
    id                   TEXT PRIMARY KEY NOT NULL,
    name                 TEXT NOT NULL,
    third_party_org_name TEXT NOT NULL,
    domain               TEXT,
    default_language     TEXT NOT NULL,
    default_country_code TEXT NOT NULL,
    third_party_uri      TEXT,
    support_uri          TEXT,
    default_site_id      TEXT,
    voicemail_enabled    BOOLEAN,
    state                TEXT NOT NULL,
    version              INTEGER NOT NULL,
    features             TEXT NOT NULL,
    product_platform     TEXT NOT NULL,
    date_created         BIGINT NOT NULL
);
CREATE UNIQUE INDEX organizations_third_party_org_name ON organizations (lower(third_party_org_name));
CREATE INDEX organizations_name ON organizations (name);

CREATE TABLE divisions (
    id          TEXT PRIMARY KEY NOT NULL,
    org_id      TEXT NOT NULL REFERENCES organizations (id),
    name        TEXT NOT NULL,
    description TEXT,
    home        BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX divisions_name ON divisions (org_id, lower(name));
CREATE UNIQUE INDEX divisions_home ON divisions (org_id) WHERE home;

CREATE TABLE roles (
    id            TEXT PRIMARY KEY NOT NULL,
    org_id        TEXT NOT NULL REFERENCES organizations (id),
    name          TEXT NOT NULL,
    description   TEXT,
    permissions   TEXT NOT NULL,
    default_admin BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX roles_name ON roles (org_id, lower(name));

CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    org_id        TEXT NOT NULL REFERENCES organizations (id),
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    division_id   TEXT NOT NULL REFERENCES divisions (id),
    state         TEXT NOT NULL,
    version       INTEGER NOT NULL,
    title         TEXT,
    department    TEXT,
    password_hash TEXT,
    date_created  BIGINT NOT NULL,
    date_modified BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (org_id, email) WHERE state <> 'deleted';
CREATE INDEX users_org_name ON users (org_id, name, id);
CREATE INDEX users_division ON users (division_id);

CREATE TABLE user_groups (
    id            TEXT PRIMARY KEY NOT NULL,
    org_id        TEXT NOT NULL REFERENCES organizations (id),
    name          TEXT NOT NULL,
    description   TEXT,
    division_id   TEXT NOT NULL REFERENCES divisions (id),
    kind          TEXT NOT NULL,
    visibility    TEXT NOT NULL,
    rules_visible BOOLEAN NOT NULL,
    state         TEXT NOT NULL,
    version       INTEGER NOT NULL,
    date_created  BIGINT NOT NULL
);
CREATE UNIQUE INDEX user_groups_name ON user_groups (org_id, lower(name)) WHERE state <> 'deleted';

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE oauth_clients (
    id                             TEXT PRIMARY KEY NOT NULL,
    org_id                         TEXT NOT NULL REFERENCES organizations (id),
    name                           TEXT NOT NULL,
    description                    TEXT,
    secret_hash                    TEXT NOT NULL,
    authorized_grant_types         TEXT NOT NULL,
    scope                          TEXT NOT NULL,
    registered_redirect_uris       TEXT NOT NULL,
    access_token_validity_seconds  BIGINT,
    state                          TEXT NOT NULL,
    date_created                   BIGINT NOT NULL
);
CREATE INDEX oauth_clients_org ON oauth_clients (org_id);

-- A role granted to a subject (user, group or client) of the role's organization, in one
-- division or in all ('*').
CREATE TABLE grants (
    org_id       TEXT NOT NULL REFERENCES organizations (id),
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    role_id      TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    division     TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, role_id, division)
);
CREATE INDEX grants_org ON grants (org_id);
CREATE INDEX grants_role ON grants (role_id);

CREATE TABLE tokens (
    digest         TEXT PRIMARY KEY NOT NULL,
    id             TEXT NOT NULL UNIQUE,
    org_id         TEXT NOT NULL,
    home_org_id    TEXT NOT NULL,
    subject_kind   TEXT NOT NULL,
    subject_id     TEXT NOT NULL,
    client_id      TEXT NOT NULL,
    cloned_user_id TEXT,
    issued_at      BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    revoked_at     BIGINT
);
CREATE INDEX tokens_subject ON tokens (subject_id);

CREATE TABLE audit_events (
    seq            BIGSERIAL PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    timestamp      BIGINT NOT NULL,
    org_id         TEXT NOT NULL,
    home_org_id    TEXT NOT NULL,
    actor_kind     TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    client_id      TEXT,
    action         TEXT NOT NULL,
    entity_type    TEXT NOT NULL,
    entity_id      TEXT NOT NULL,
    entity_name    TEXT,
    changes        TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    remote_ip      TEXT
);
CREATE INDEX audit_events_org_time ON audit_events (org_id, timestamp, seq);
CREATE INDEX audit_events_home_time ON audit_events (home_org_id, timestamp, seq);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
