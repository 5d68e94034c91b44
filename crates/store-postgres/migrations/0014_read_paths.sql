-- Read paths (issue 11). The trusts listings are ordered by the other organization's name: each
-- trust carries both organizations' names (kept by triggers, in the transaction of the insert or
-- the rename), and an index per side holds the listing's order (byte order, as the listing
-- sorts), so a page reads its own rows instead of joining and sorting every trust.
ALTER TABLE trusts ADD COLUMN trustor_name TEXT NOT NULL DEFAULT '';
ALTER TABLE trusts ADD COLUMN trustee_name TEXT NOT NULL DEFAULT '';

UPDATE trusts SET
    trustor_name = (SELECT name FROM organizations WHERE id = trusts.trustor_org_id),
    trustee_name = (SELECT name FROM organizations WHERE id = trusts.trustee_org_id);

CREATE FUNCTION trusts_names_fill() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    NEW.trustor_name := (SELECT name FROM organizations WHERE id = NEW.trustor_org_id);
    NEW.trustee_name := (SELECT name FROM organizations WHERE id = NEW.trustee_org_id);
    RETURN NEW;
END $$;

CREATE TRIGGER trusts_names_insert BEFORE INSERT ON trusts
FOR EACH ROW EXECUTE FUNCTION trusts_names_fill();

CREATE FUNCTION organizations_name_trusts() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE trusts SET trustor_name = NEW.name WHERE trustor_org_id = NEW.id;
    UPDATE trusts SET trustee_name = NEW.name WHERE trustee_org_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER organizations_name_trusts AFTER UPDATE OF name ON organizations
FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION organizations_name_trusts();

CREATE INDEX trusts_trustor_by_name
    ON trusts (trustor_org_id, trustee_name COLLATE "C", trustee_org_id COLLATE "C");
CREATE INDEX trusts_trustee_by_name
    ON trusts (trustee_org_id, trustor_name COLLATE "C", trustor_org_id COLLATE "C");

-- Audit searches filtered on `action` or `entityType` (equality): the page is read from an index
-- that holds the filter and the order, so it stops after its rows, and the total is counted
-- from the same index (index-only).
CREATE INDEX audit_events_org_home_action_time ON audit_events (org_id, home_org_id, action, timestamp, seq);
CREATE INDEX audit_events_org_home_type_time ON audit_events (org_id, home_org_id, entity_type, timestamp, seq);
