-- name: document_search_tenant
-- description: Full-text search of the whole tenant's notes by an organization administrator, best matches first.
-- threshold_ms: 200
-- role: medseed_org_admin
-- draw: note_search
-- note: Threshold from the context (document_search: 200 ms). Only the tenant policy narrows the rows: the case where a non-LEAKPROOF @@ cannot use the GIN index under RLS (REALISM.md 4.3).

-- @rls
SELECT id, org_id, patient_id, title, created_at,
       ts_rank(search_vector, plainto_tsquery('english', :term)) AS rank
FROM documents
WHERE search_vector @@ plainto_tsquery('english', :term)
ORDER BY rank DESC, created_at DESC, id
LIMIT 20;

-- @owner
SELECT id, org_id, patient_id, title, created_at,
       ts_rank(search_vector, plainto_tsquery('english', :term)) AS rank
FROM documents
WHERE search_vector @@ plainto_tsquery('english', :term)
  AND org_id = :org_id::uuid
ORDER BY rank DESC, created_at DESC, id
LIMIT 20;
