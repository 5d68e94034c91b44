-- Audit counts (issue 11): the PostgreSQL counterpart of SQLite's `audit_counts`
-- (store-sqlite/migrations/0005_audit_search.sql), the same table, keys and meaning: counts of
-- events per (organization, home organization, actor) and per UTC day, hour and minute; actor_id
-- '' counts every actor. Each is kept for all events (field and value '') and per value of
-- `action` and of `entityType`. They answer `total`, the facets of plain searches and the position
-- of a deep page from a few hundred rows instead of every matching event.
--
-- Kept in the transaction of the events, but per STATEMENT (transition tables), not per row: a
-- bulk insert of 10,000 events is one grouped upsert of its distinct keys, not 180,000 upserts.
-- The upsert's rows are sorted by key, so two transactions that touch the same counts lock them in
-- the same order. Only timestamps in [0, 2^53) are counted (the search counts any others from the
-- events), as on SQLite.
CREATE TABLE audit_counts (
    org_id      TEXT NOT NULL,
    home_org_id TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    field       TEXT NOT NULL CHECK (field IN ('', 'action', 'entityType')),
    value       TEXT NOT NULL,
    unit        TEXT NOT NULL CHECK (unit IN ('d', 'h', 'm')),
    bucket      BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (org_id, home_org_id, actor_id, field, unit, bucket, value)
);

-- One statement's events, counted (INSERT: +1 each, DELETE: -1, UPDATE: both) and grouped by
-- key: each event counts under every actor ('') and its own, in all and per value of its action
-- and entity type, per day, hour and minute (18 keys; an actor '' counts twice under '', as
-- SQLite's triggers count it).
CREATE FUNCTION audit_counts_statement() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO audit_counts AS c (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
        SELECT e.org_id, e.home_org_id, a.k, f.field, f.value, u.unit, e.timestamp / u.size, -count(*)
        FROM old_rows AS e
        CROSS JOIN LATERAL (VALUES (''), (e.actor_id)) AS a (k)
        CROSS JOIN LATERAL (VALUES ('', ''), ('action', e.action), ('entityType', e.entity_type))
            AS f (field, value)
        CROSS JOIN (VALUES ('d', 86400000::bigint), ('h', 3600000::bigint), ('m', 60000::bigint))
            AS u (unit, size)
        WHERE e.timestamp BETWEEN 0 AND 9007199254740991
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        ORDER BY 1, 2, 3, 4, 6, 7, 5
        ON CONFLICT (org_id, home_org_id, actor_id, field, unit, bucket, value)
        DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO audit_counts AS c (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
        SELECT e.org_id, e.home_org_id, a.k, f.field, f.value, u.unit, e.timestamp / u.size, count(*)
        FROM new_rows AS e
        CROSS JOIN LATERAL (VALUES (''), (e.actor_id)) AS a (k)
        CROSS JOIN LATERAL (VALUES ('', ''), ('action', e.action), ('entityType', e.entity_type))
            AS f (field, value)
        CROSS JOIN (VALUES ('d', 86400000::bigint), ('h', 3600000::bigint), ('m', 60000::bigint))
            AS u (unit, size)
        WHERE e.timestamp BETWEEN 0 AND 9007199254740991
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        ORDER BY 1, 2, 3, 4, 6, 7, 5
        ON CONFLICT (org_id, home_org_id, actor_id, field, unit, bucket, value)
        DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER audit_events_counts_insert AFTER INSERT ON audit_events
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_statement();

CREATE TRIGGER audit_events_counts_delete AFTER DELETE ON audit_events
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_statement();

CREATE TRIGGER audit_events_counts_update AFTER UPDATE ON audit_events
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_statement();

-- Events written before this migration.
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT e.org_id, e.home_org_id, a.k, f.field, f.value, u.unit, e.timestamp / u.size, count(*)
FROM audit_events AS e
CROSS JOIN LATERAL (VALUES (''), (e.actor_id)) AS a (k)
CROSS JOIN LATERAL (VALUES ('', ''), ('action', e.action), ('entityType', e.entity_type))
    AS f (field, value)
CROSS JOIN (VALUES ('d', 86400000::bigint), ('h', 3600000::bigint), ('m', 60000::bigint))
    AS u (unit, size)
WHERE e.timestamp BETWEEN 0 AND 9007199254740991
GROUP BY 1, 2, 3, 4, 5, 6, 7;
