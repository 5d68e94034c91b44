-- Organization Authorization: one row per trust, seen by the trustor as a Trustee and by the
-- trustee as a Trustor; its pairings, members, trustor-role grants and cloned users.

CREATE TABLE trusts (
    trustor_org_id    TEXT NOT NULL REFERENCES organizations (id),
    trustee_org_id    TEXT NOT NULL REFERENCES organizations (id),
    enabled           BOOLEAN NOT NULL,
    date_created      BIGINT NOT NULL,
    date_expired      BIGINT,
    created_by_kind   TEXT NOT NULL,
    created_by_id     TEXT NOT NULL,
    created_by_name   TEXT NOT NULL,
    pairing_id        TEXT,
    uses_default_role BOOLEAN NOT NULL DEFAULT FALSE,
    has_full_access   BOOLEAN NOT NULL DEFAULT FALSE,
    is_trusted_user   BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (trustor_org_id, trustee_org_id),
    CHECK (trustor_org_id <> trustee_org_id)
);
CREATE UNIQUE INDEX trusts_pairing ON trusts (pairing_id) WHERE pairing_id IS NOT NULL;
CREATE INDEX trusts_trustee ON trusts (trustee_org_id, trustor_org_id);

-- A pairing (trust request) made by the trustee: the users and groups it names, single use,
-- valid until `date_expires` (48 hours after creation by the server clock).
CREATE TABLE pairings (
    id               TEXT PRIMARY KEY NOT NULL,
    trustee_org_id   TEXT NOT NULL REFERENCES organizations (id),
    created_by_kind  TEXT NOT NULL,
    created_by_id    TEXT NOT NULL,
    created_by_name  TEXT NOT NULL,
    date_created     BIGINT NOT NULL,
    date_expires     BIGINT NOT NULL,
    user_ids         TEXT NOT NULL,
    group_ids        TEXT NOT NULL,
    used_by_org_id   TEXT,
    date_used        BIGINT
);
CREATE INDEX pairings_trustee ON pairings (trustee_org_id);

-- The trustee users and groups of a trust ('user', 'group', or 'organization' for a Customer
-- Care trust that grants to every user of the Care organization).
CREATE TABLE trust_members (
    trustor_org_id  TEXT NOT NULL,
    trustee_org_id  TEXT NOT NULL,
    member_kind     TEXT NOT NULL CHECK (member_kind IN ('user', 'group', 'organization')),
    member_id       TEXT NOT NULL,
    date_created    BIGINT NOT NULL,
    created_by_kind TEXT NOT NULL,
    created_by_id   TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    PRIMARY KEY (trustor_org_id, trustee_org_id, member_kind, member_id),
    FOREIGN KEY (trustor_org_id, trustee_org_id)
        REFERENCES trusts (trustor_org_id, trustee_org_id) ON DELETE CASCADE
);
CREATE INDEX trust_members_member ON trust_members (member_id);

-- Trustor roles granted to a trust member, in one division or in all ('*'). Deleting the role
-- or the member removes the grant.
CREATE TABLE trust_grants (
    trustor_org_id TEXT NOT NULL,
    trustee_org_id TEXT NOT NULL,
    member_kind    TEXT NOT NULL,
    member_id      TEXT NOT NULL,
    role_id        TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    division       TEXT NOT NULL,
    PRIMARY KEY (trustor_org_id, trustee_org_id, member_kind, member_id, role_id, division),
    FOREIGN KEY (trustor_org_id, trustee_org_id, member_kind, member_id)
        REFERENCES trust_members (trustor_org_id, trustee_org_id, member_kind, member_id)
        ON DELETE CASCADE
);
CREATE INDEX trust_grants_role ON trust_grants (role_id);

-- A trustee user cloned into the trustor organization: the clone is a `users` row of the
-- trustor (no password, so it cannot sign in directly), linked to the original trustee user.
CREATE TABLE cloned_users (
    clone_user_id   TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    trustor_org_id  TEXT NOT NULL,
    trustee_org_id  TEXT NOT NULL,
    trustee_user_id TEXT NOT NULL,
    date_created    BIGINT NOT NULL,
    FOREIGN KEY (trustor_org_id, trustee_org_id)
        REFERENCES trusts (trustor_org_id, trustee_org_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX cloned_users_original ON cloned_users (trustor_org_id, trustee_user_id);
