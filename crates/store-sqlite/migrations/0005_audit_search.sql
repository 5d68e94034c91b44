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
