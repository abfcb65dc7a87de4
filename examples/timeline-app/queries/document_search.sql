-- name: document_search
-- description: Full-text search of the organization's clinical_documents, best matches first, with the patient's name.
-- threshold_ms: 200
-- role: medseed_app
-- draw: note_search
-- note: The app's document_search threshold (200 ms). Whether the GIN index serves it under RLS depends on @@ being LEAKPROOF on the server.

-- @rls
SELECT d.id, d.organization_id, d.patient_id, d.document_type, d.title, d.created_at,
       p.first_name, p.last_name,
       ts_rank(d.search_vector, plainto_tsquery('english', :term)) AS rank
FROM clinical_documents d
JOIN patients p ON p.id = d.patient_id
WHERE d.search_vector @@ plainto_tsquery('english', :term)
ORDER BY rank DESC, d.created_at DESC, d.id
LIMIT 20;

-- @owner
SELECT d.id, d.organization_id, d.patient_id, d.document_type, d.title, d.created_at,
       p.first_name, p.last_name,
       ts_rank(d.search_vector, plainto_tsquery('english', :term)) AS rank
FROM clinical_documents d
JOIN patients p ON p.id = d.patient_id AND p.organization_id = :org_id::uuid
WHERE d.search_vector @@ plainto_tsquery('english', :term)
  AND d.organization_id = :org_id::uuid
ORDER BY rank DESC, d.created_at DESC, d.id
LIMIT 20;
