-- Browser sign-in (issue 13): authorization codes and "choose an organization" tickets, stored
-- only as SHA-256 digests (hex), single use, short-lived. Dates are epoch milliseconds (UTC).
CREATE TABLE pending_authorizations (
    digest         TEXT PRIMARY KEY NOT NULL,
    kind           TEXT NOT NULL,
    client_id      TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    org_id         TEXT NOT NULL REFERENCES organizations (id),
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    response_type  TEXT NOT NULL,
    state          TEXT,
    code_challenge TEXT,
    target_org_id  TEXT,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL
);

CREATE INDEX pending_authorizations_expires ON pending_authorizations (expires_at);
