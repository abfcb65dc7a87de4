-- name: note_search
-- description: Full-text search over the tenant's notes (the search box: websearch syntax), best matches first.
-- threshold_ms: 200
-- role: medseed_app
-- draw: note_search
-- note: The document search budget (200 ms). Policies are per tenant here, so the search spans every note of the clinic; whether the GIN index on the generated search column serves it under RLS depends on @@ being LEAKPROOF on the server.

-- @rls
SELECT id, tenant_id, patient_id, title, created_at,
       ts_rank(search, websearch_to_tsquery('english', :term)) AS rank
FROM notes
WHERE search @@ websearch_to_tsquery('english', :term)
ORDER BY rank DESC, created_at DESC, id
LIMIT 20;

-- @owner
SELECT id, tenant_id, patient_id, title, created_at,
       ts_rank(search, websearch_to_tsquery('english', :term)) AS rank
FROM notes
WHERE search @@ websearch_to_tsquery('english', :term)
  AND tenant_id = :org_id::bigint
ORDER BY rank DESC, created_at DESC, id
LIMIT 20;
