-- name: document_search
-- description: A clinician's full-text search of notes (a rare-ish word from one of their patients' notes), best matches first.
-- threshold_ms: 200
-- role: medseed_app
-- draw: note_search
-- note: Threshold from the context (document_search: 200 ms). The care-team policy narrows the search to the clinician's patients.

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
  AND patient_id IN (
    SELECT patient_id FROM care_team_members
    WHERE provider_id = :provider_id::uuid AND org_id = :org_id::uuid AND period_end IS NULL)
ORDER BY rank DESC, created_at DESC, id
LIMIT 20;
