-- pg_dump output runs with an empty search_path, and pg_restore recomputes the generated `fts`
-- column while loading audit_events: the audit search functions that call each other must find
-- their siblings without the caller's search_path. Pin it to the schema they were created in.
ALTER FUNCTION audit_search_part(TEXT) SET search_path FROM CURRENT;
ALTER FUNCTION audit_search_document(TEXT, TEXT, TEXT, TEXT, TEXT) SET search_path FROM CURRENT;
ALTER FUNCTION audit_search_word(TEXT, BOOLEAN) SET search_path FROM CURRENT;
