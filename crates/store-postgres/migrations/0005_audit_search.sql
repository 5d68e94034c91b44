-- Audit search (POST /api/v2/orgauthorization/trustees/audits and .../trustor/audits).
--
-- Both audits ask for the events that happened in one organization (org_id) by users of another
-- (home_org_id), newest first, optionally of some users (actor_id). These indexes answer that
-- with an ordered range scan (the same names as on SQLite).
CREATE INDEX audit_events_org_home_time ON audit_events (org_id, home_org_id, timestamp, seq);
CREATE INDEX audit_events_org_home_actor_time ON audit_events (org_id, home_org_id, actor_id, timestamp, seq);

-- `queryPhrase`: the PostgreSQL counterpart of SQLite's FTS5 table `audit_fts` (tokenizer
-- unicode61 remove_diacritics 2). Text is normalised the way that tokenizer sees it: lower-cased
-- (ASCII and Unicode), the diacritics of Latin letters removed (those that decompose), every run of characters that are not
-- letters or digits a separator; the 'simple' configuration then keeps every token as is.
CREATE FUNCTION audit_search_normalize(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT regexp_replace(
        translate(lower(t),
            'àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ',
            'aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy'),
        '[^[:alnum:]]+', ' ', 'g')
$$;

-- The event text: action, entity type, entity name, actor name, and the JSON leaves of the
-- changes (property names and values; not the keys, as on SQLite). Each is a column of its own on
-- SQLite, where a phrase cannot span two columns: here the parts are joined by the lexeme 'SEP',
-- which no query can name (query words are lower-cased), so no phrase is adjacent across them.
CREATE FUNCTION audit_search_part(t TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple', coalesce(audit_search_normalize(t), ''))
$$;

CREATE FUNCTION audit_search_document(action TEXT, entity_type TEXT, entity_name TEXT,
                                      actor_name TEXT, changes TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT audit_search_part(action) || 'SEP:1'::tsvector || audit_search_part(entity_type)
        || 'SEP:1'::tsvector || audit_search_part(entity_name)
        || 'SEP:1'::tsvector || audit_search_part(actor_name)
        || 'SEP:1'::tsvector || audit_search_part(
        (SELECT string_agg(CASE jsonb_typeof(v)
                               WHEN 'string' THEN v #>> '{}'
                               WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN '1' ELSE '0' END
                               ELSE v::text END, ' ')
         FROM jsonb_path_query(changes::jsonb, 'strict $.**') AS v
         WHERE jsonb_typeof(v) NOT IN ('object', 'array', 'null')))
$$;

-- One word of a phrase as a query: its tokens adjacent and in order (an FTS5 quoted phrase), the
-- last a prefix when the word ended in `*`. A word without tokens is NULL:
-- it matches nothing.
CREATE FUNCTION audit_search_word(word TEXT, prefix BOOLEAN) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE WHEN btrim(audit_search_normalize(word)) = '' THEN NULL
    ELSE to_tsquery('simple',
        array_to_string(string_to_array(btrim(audit_search_normalize(word)), ' '), ' <-> ')
        || CASE WHEN prefix THEN ':*' ELSE '' END) END
$$;

-- The document is stored (computed on insert, and here for the events already written): evaluating
-- it per row costs a JSON walk and a regex, and the column's statistics let the planner weigh a
-- phrase's selectivity. `audit_fts` (the FTS5 table's name on SQLite) indexes it.
ALTER TABLE audit_events ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    audit_search_document(action, entity_type, entity_name, actor_name, changes)) STORED;
CREATE INDEX audit_fts ON audit_events USING gin (fts);
