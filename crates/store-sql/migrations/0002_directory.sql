-- The directory managed through the API: indexes for the division-scoped, name-ordered listings
-- of users and groups, and for reading one subject's grants within its organization.

CREATE INDEX users_org_state_division_name ON users (org_id, state, division_id, name, id);
CREATE INDEX user_groups_org_division_name ON user_groups (org_id, division_id, name, id);
CREATE INDEX grants_org_subject ON grants (org_id, subject_kind, subject_id);
CREATE INDEX tokens_client ON tokens (client_id);
