-- Read paths (issue 11). The trusts listings are ordered by the other organization's name: each
-- trust carries both organizations' names (kept by triggers, in the transaction of the insert or
-- the rename), and an index per side holds the listing's order, so a page reads its own rows
-- instead of joining and sorting every trust of the organization.
ALTER TABLE trusts ADD COLUMN trustor_name TEXT NOT NULL DEFAULT '';
ALTER TABLE trusts ADD COLUMN trustee_name TEXT NOT NULL DEFAULT '';

UPDATE trusts SET
    trustor_name = (SELECT name FROM organizations WHERE id = trusts.trustor_org_id),
    trustee_name = (SELECT name FROM organizations WHERE id = trusts.trustee_org_id);

CREATE TRIGGER trusts_names_insert AFTER INSERT ON trusts BEGIN
    UPDATE trusts SET
        trustor_name = (SELECT name FROM organizations WHERE id = new.trustor_org_id),
        trustee_name = (SELECT name FROM organizations WHERE id = new.trustee_org_id)
    WHERE trustor_org_id = new.trustor_org_id AND trustee_org_id = new.trustee_org_id;
END;

CREATE TRIGGER organizations_name_trusts AFTER UPDATE OF name ON organizations
WHEN new.name IS NOT old.name BEGIN
    UPDATE trusts SET trustor_name = new.name WHERE trustor_org_id = new.id;
    UPDATE trusts SET trustee_name = new.name WHERE trustee_org_id = new.id;
END;

CREATE INDEX trusts_trustor_by_name ON trusts (trustor_org_id, trustee_name, trustee_org_id);
CREATE INDEX trusts_trustee_by_name ON trusts (trustee_org_id, trustor_name, trustor_org_id);

-- Audit searches filtered on `action` or `entityType` (equality): the page is read from an index
-- that holds the filter and the order, so it stops after its rows (the total and the deep
-- pages' position come from `audit_counts`, which keeps counts per value of both fields).
CREATE INDEX audit_events_org_home_action_time ON audit_events (org_id, home_org_id, action, timestamp, seq);
CREATE INDEX audit_events_org_home_type_time ON audit_events (org_id, home_org_id, entity_type, timestamp, seq);
