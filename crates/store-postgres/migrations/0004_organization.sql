-- Organization API: settings, sign-in lockout, migration states, limit overrides and limit
-- change requests. Dates are BIGINT milliseconds since the Unix epoch (UTC).

-- One settings document (JSON) per organization; absent means the defaults.
CREATE TABLE org_settings (
    org_id   TEXT PRIMARY KEY NOT NULL REFERENCES organizations (id),
    settings TEXT NOT NULL
);

-- Consecutive failed sign-ins and the current lock of a user.
CREATE TABLE sign_in_failures (
    user_id      TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    org_id       TEXT NOT NULL REFERENCES organizations (id),
    failures     BIGINT NOT NULL,
    locked_until BIGINT
);

-- Migration states an organization has switched (absent: the catalogue default).
CREATE TABLE org_migrations (
    org_id  TEXT NOT NULL REFERENCES organizations (id),
    name    TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    PRIMARY KEY (org_id, name)
);

-- An organization's limit values that differ from the defaults (set by implemented change
-- requests).
CREATE TABLE limit_overrides (
    org_id    TEXT NOT NULL REFERENCES organizations (id),
    namespace TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     BIGINT NOT NULL,
    PRIMARY KEY (org_id, namespace, key)
);

CREATE TABLE limit_change_requests (
    id               TEXT PRIMARY KEY NOT NULL,
    org_id           TEXT NOT NULL REFERENCES organizations (id),
    namespace        TEXT NOT NULL,
    key              TEXT NOT NULL,
    requested_value  BIGINT NOT NULL,
    current_value    BIGINT NOT NULL,
    description      TEXT NOT NULL,
    support_case_url TEXT NOT NULL,
    status           TEXT NOT NULL,
    date_created     BIGINT NOT NULL,
    date_completed   BIGINT,
    reject_reason    TEXT,
    status_history   TEXT NOT NULL,
    approvals        TEXT NOT NULL
);
CREATE INDEX limit_change_requests_org_created ON limit_change_requests (org_id, date_created, id);
