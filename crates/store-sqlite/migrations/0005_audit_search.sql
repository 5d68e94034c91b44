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
-- kept by triggers; actor_id '' counts every actor. They answer `total` of the plain audit
-- searches (no phrase, no filter) from a few hundred rows instead of counting the index, and
-- let a deep page start from the minute it falls in instead of skipping every row before it.
CREATE TABLE audit_counts (
    org_id      TEXT NOT NULL,
    home_org_id TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    unit        TEXT NOT NULL CHECK (unit IN ('d', 'h', 'm')),
    bucket      INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (org_id, home_org_id, actor_id, unit, bucket)
) WITHOUT ROWID;

-- Only timestamps in [0, 2^53) are counted (the search counts any others from the events).
CREATE TRIGGER audit_events_counts_insert AFTER INSERT ON audit_events
WHEN new.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
    VALUES (new.org_id, new.home_org_id, '', 'd', new.timestamp / 86400000, 1),
           (new.org_id, new.home_org_id, '', 'h', new.timestamp / 3600000, 1),
           (new.org_id, new.home_org_id, '', 'm', new.timestamp / 60000, 1),
           (new.org_id, new.home_org_id, new.actor_id, 'd', new.timestamp / 86400000, 1),
           (new.org_id, new.home_org_id, new.actor_id, 'h', new.timestamp / 3600000, 1),
           (new.org_id, new.home_org_id, new.actor_id, 'm', new.timestamp / 60000, 1)
    ON CONFLICT (org_id, home_org_id, actor_id, unit, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER audit_events_counts_delete AFTER DELETE ON audit_events
WHEN old.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    UPDATE audit_counts SET n = n - 1
    WHERE org_id = old.org_id AND home_org_id = old.home_org_id AND actor_id IN ('', old.actor_id)
      AND ((unit = 'd' AND bucket = old.timestamp / 86400000) OR (unit = 'h' AND bucket = old.timestamp / 3600000)
           OR (unit = 'm' AND bucket = old.timestamp / 60000));
END;

CREATE TRIGGER audit_events_counts_update_old AFTER UPDATE OF org_id, home_org_id, actor_id, timestamp ON audit_events
WHEN old.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    UPDATE audit_counts SET n = n - 1
    WHERE org_id = old.org_id AND home_org_id = old.home_org_id AND actor_id IN ('', old.actor_id)
      AND ((unit = 'd' AND bucket = old.timestamp / 86400000) OR (unit = 'h' AND bucket = old.timestamp / 3600000)
           OR (unit = 'm' AND bucket = old.timestamp / 60000));
END;

CREATE TRIGGER audit_events_counts_update_new AFTER UPDATE OF org_id, home_org_id, actor_id, timestamp ON audit_events
WHEN new.timestamp BETWEEN 0 AND 9007199254740991 BEGIN
    INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
    VALUES (new.org_id, new.home_org_id, '', 'd', new.timestamp / 86400000, 1),
           (new.org_id, new.home_org_id, '', 'h', new.timestamp / 3600000, 1),
           (new.org_id, new.home_org_id, '', 'm', new.timestamp / 60000, 1),
           (new.org_id, new.home_org_id, new.actor_id, 'd', new.timestamp / 86400000, 1),
           (new.org_id, new.home_org_id, new.actor_id, 'h', new.timestamp / 3600000, 1),
           (new.org_id, new.home_org_id, new.actor_id, 'm', new.timestamp / 60000, 1)
    ON CONFLICT (org_id, home_org_id, actor_id, unit, bucket) DO UPDATE SET n = n + 1;
END;

INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
SELECT org_id, home_org_id, '', 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 5;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
SELECT org_id, home_org_id, '', 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 5;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
SELECT org_id, home_org_id, '', 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 5;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'd', timestamp / 86400000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 5;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'h', timestamp / 3600000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 5;
INSERT INTO audit_counts (org_id, home_org_id, actor_id, unit, bucket, n)
SELECT org_id, home_org_id, actor_id, 'm', timestamp / 60000, count(*) FROM audit_events
WHERE timestamp BETWEEN 0 AND 9007199254740991 GROUP BY 1, 2, 3, 5;
