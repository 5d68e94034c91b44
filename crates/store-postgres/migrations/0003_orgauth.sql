-- Organization Authorization: one row per trust, seen by the trustor as a Trustee and by the
-- trustee as a Trustor. (Members, grants, pairings and clones are added by later statements of
-- this file's successors.)

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
