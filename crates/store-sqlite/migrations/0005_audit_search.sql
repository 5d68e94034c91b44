-- Audit search (POST /api/v2/orgauthorization/trustees/audits and .../trustor/audits).
--
-- Both audits ask for the events that happened in one organization (org_id) by users of another
-- (home_org_id), newest first, optionally of some users (actor_id). These indexes answer that
-- with an ordered range scan, so a page is read in index order and `total` is counted from the
-- index alone (no table rows).
CREATE INDEX audit_events_org_home_time ON audit_events (org_id, home_org_id, timestamp, seq);
CREATE INDEX audit_events_org_home_actor_time ON audit_events (org_id, home_org_id, actor_id, timestamp, seq);

-- `queryPhrase`: words of the event text (action, entity type, entity name, actor name, and the
-- properties and values of its changes). An external-content FTS5 table over audit_events keyed
-- by seq, kept in step by the triggers below, so a selective phrase search starts from the
-- full-text index. The `changes` column holds the JSON leaves only (property names and values),
-- so the JSON keys ("property", "oldValues", ...) do not match every event; the same expression
-- is used on delete so the index stays exact.
CREATE VIRTUAL TABLE audit_fts USING fts5 (
    action,
    entity_type,
    entity_name,
    actor_name,
    changes,
    content = 'audit_events',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER audit_events_fts_insert AFTER INSERT ON audit_events BEGIN
    INSERT INTO audit_fts (rowid, action, entity_type, entity_name, actor_name, changes)
    VALUES (new.seq, new.action, new.entity_type, new.entity_name, new.actor_name,
            (SELECT group_concat(atom, ' ') FROM json_tree(new.changes) WHERE atom IS NOT NULL));
END;

CREATE TRIGGER audit_events_fts_delete AFTER DELETE ON audit_events BEGIN
    INSERT INTO audit_fts (audit_fts, rowid, action, entity_type, entity_name, actor_name, changes)
    VALUES ('delete', old.seq, old.action, old.entity_type, old.entity_name, old.actor_name,
            (SELECT group_concat(atom, ' ') FROM json_tree(old.changes) WHERE atom IS NOT NULL));
END;

CREATE TRIGGER audit_events_fts_update AFTER UPDATE ON audit_events BEGIN
    INSERT INTO audit_fts (audit_fts, rowid, action, entity_type, entity_name, actor_name, changes)
    VALUES ('delete', old.seq, old.action, old.entity_type, old.entity_name, old.actor_name,
            (SELECT group_concat(atom, ' ') FROM json_tree(old.changes) WHERE atom IS NOT NULL));
    INSERT INTO audit_fts (rowid, action, entity_type, entity_name, actor_name, changes)
    VALUES (new.seq, new.action, new.entity_type, new.entity_name, new.actor_name,
            (SELECT group_concat(atom, ' ') FROM json_tree(new.changes) WHERE atom IS NOT NULL));
END;

-- Events written before this migration.
INSERT INTO audit_fts (rowid, action, entity_type, entity_name, actor_name, changes)
SELECT seq, action, entity_type, entity_name, actor_name,
       (SELECT group_concat(atom, ' ') FROM json_tree(audit_events.changes) WHERE atom IS NOT NULL)
FROM audit_events;

-- Counts of events per (organization, home organization, actor) and per UTC day, hour and minute,
-- kept by triggers; actor_id '' counts every actor. Each is kept for all events (field and value
-- '') and per value of `action` and of `entityType`. They answer `total`, the facets on those
-- fields, on users, homes and days, and the position of a deep page, of the plain audit searches
-- (no phrase, no filter) from a few hundred rows instead of every matching event.
CREATE TABLE audit_counts (
    org_id      TEXT NOT NULL,
    home_org_id TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    field       TEXT NOT NULL CHECK (field IN ('', 'action', 'entityType')),
    value       TEXT NOT NULL,
    unit        TEXT NOT NULL CHECK (unit IN ('d', 'h', 'm')),
    bucket      INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (org_id, home_org_id, actor_id, field, unit, bucket, value)
) WITHOUT ROWID;

-- Only timestamps in [0, 2^53) are counted (the search counts any others from the events).
CREATE TRIGGER audit_events_counts_insert AFTER INSERT ON audit_events
WHEN new.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
    SELECT new.org_id, new.home_org_id, a.k, f.field, f.value, u.unit, new.timestamp / u.size, 1
    FROM (SELECT '' AS k UNION ALL SELECT new.actor_id) a,
         (SELECT '' AS field, '' AS value UNION ALL SELECT 'action', new.action UNION ALL SELECT 'entityType', new.entity_type) f,
         (SELECT 'd' AS unit, 86400000 AS size UNION ALL SELECT 'h', 3600000 UNION ALL SELECT 'm', 60000) u
    WHERE true
    ON CONFLICT (org_id, home_org_id, actor_id, field, unit, bucket, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER audit_events_counts_delete AFTER DELETE ON audit_events
WHEN old.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    UPDATE audit_counts SET n = n - 1
    WHERE org_id = old.org_id AND home_org_id = old.home_org_id AND actor_id IN ('', old.actor_id)
      AND ((field = '' AND value = '') OR (field = 'action' AND value = old.action)
           OR (field = 'entityType' AND value = old.entity_type))
      AND ((unit = 'd' AND bucket = old.timestamp / 86400000) OR (unit = 'h' AND bucket = old.timestamp / 3600000)
           OR (unit = 'm' AND bucket = old.timestamp / 60000));
END;

CREATE TRIGGER audit_events_counts_update_old AFTER UPDATE OF org_id, home_org_id, actor_id, action, entity_type, timestamp ON audit_events
WHEN old.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    UPDATE audit_counts SET n = n - 1
    WHERE org_id = old.org_id AND home_org_id = old.home_org_id AND actor_id IN ('', old.actor_id)
      AND ((field = '' AND value = '') OR (field = 'action' AND value = old.action)
           OR (field = 'entityType' AND value = old.entity_type))
      AND ((unit = 'd' AND bucket = old.timestamp / 86400000) OR (unit = 'h' AND bucket = old.timestamp / 3600000)
           OR (unit = 'm' AND bucket = old.timestamp / 60000));
END;

CREATE TRIGGER audit_events_counts_update_new AFTER UPDATE OF org_id, home_org_id, actor_id, action, entity_type, timestamp ON audit_events
WHEN new.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
    SELECT new.org_id, new.home_org_id, a.k, f.field, f.value, u.unit, new.timestamp / u.size, 1
    FROM (SELECT '' AS k UNION ALL SELECT new.actor_id) a,
         (SELECT '' AS field, '' AS value UNION ALL SELECT 'action', new.action UNION ALL SELECT 'entityType', new.entity_type) f,
         (SELECT 'd' AS unit, 86400000 AS size UNION ALL SELECT 'h', 3600000 UNION ALL SELECT 'm', 60000) u
    WHERE true
    ON CONFLICT (org_id, home_org_id, actor_id, field, unit, bucket, value) DO UPDATE SET n = n + 1;
END;

-- Events written before this migration.
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', '', '', 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', '', '', 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', '', '', 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', 'action', action, 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', 'action', action, 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', 'action', action, 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', 'entityType', entity_type, 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', 'entityType', entity_type, 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, '', 'entityType', entity_type, 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, '', '', 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, '', '', 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, '', '', 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'action', action, 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'action', action, 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'action', action, 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'entityType', entity_type, 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'entityType', entity_type, 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, field, value, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'entityType', entity_type, 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 4, 5, 6, 7;
