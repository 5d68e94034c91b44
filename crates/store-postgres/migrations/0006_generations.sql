-- Authorization and token generations in the database, so that every instance can check, in one
-- indexed read per request, whether anything it has cached was changed by another instance.
-- `scope` is an organization id, or '' for the token-revocation generation. Writers bump their
-- rows at the end of the writing transaction, in key order (no deadlocks between writers).
CREATE TABLE generations (
    scope      TEXT PRIMARY KEY,
    generation BIGINT NOT NULL
);
