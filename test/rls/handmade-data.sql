-- A small hand-made dataset for the RLS contract: two organizations, care teams with an overlap,
-- an ended membership, and rows of every clinical table for every patient.
INSERT INTO organizations VALUES
  ('00000000-0000-4000-8000-00000000000a', 'Org A', 'org-a', 'regional', 'America/Chicago', '2020-01-01 00:00:00+00'),
  ('00000000-0000-4000-8000-00000000000b', 'Org B', 'org-b', 'clinic', 'America/New_York', '2020-01-01 00:00:00+00');
INSERT INTO providers
SELECT ('00000000-0000-4000-8000-1000000000' || lpad(g::text, 2, '0'))::uuid,
       CASE WHEN g <= 2 THEN '00000000-0000-4000-8000-00000000000a'::uuid ELSE '00000000-0000-4000-8000-00000000000b'::uuid END,
       '10000000' || lpad(g::text, 2, '0'), 'Given' || g, 'Family' || g, 'physician', 'family_medicine',
       'p' || g || '@example.org', false, '2020-01-01 00:00:00+00'
FROM generate_series(1, 4) g;
INSERT INTO patients
SELECT ('00000000-0000-4000-8000-2000000000' || lpad(g::text, 2, '0'))::uuid,
       CASE WHEN g <= 5 THEN '00000000-0000-4000-8000-00000000000a'::uuid ELSE '00000000-0000-4000-8000-00000000000b'::uuid END,
       'MRN' || g, 'Pat' || g, 'Ient' || g, '1970-01-01', 'female', NULL, NULL, NULL, NULL, NULL, NULL, '2020-01-01 00:00:00+00'
FROM generate_series(1, 10) g;
-- provider 1: patients 1-3 (current) and 4 (ended); provider 2: patients 3-5; providers 3, 4: org B.
INSERT INTO care_team_members (id, org_id, patient_id, provider_id, role, period_start, period_end)
SELECT gen_random_uuid(), p.org_id, p.id, pr.id, 'primary_care', '2020-01-01 00:00:00+00', ended
FROM (VALUES (1, 1, NULL::timestamptz), (1, 2, NULL), (1, 3, NULL), (1, 4, '2021-01-01 00:00:00+00'),
             (2, 3, NULL), (2, 4, NULL), (2, 5, NULL), (3, 6, NULL), (3, 7, NULL), (4, 8, NULL)) AS t(pv, pt, ended)
JOIN providers pr ON pr.npi = '10000000' || lpad(t.pv::text, 2, '0')
JOIN patients p ON p.mrn = 'MRN' || t.pt;
INSERT INTO encounters
SELECT gen_random_uuid(), p.org_id, p.id, pr.id, 'ambulatory', 'finished', 'I10', 'Essential hypertension',
       '2024-01-01 09:00:00+00', '2024-01-01 09:20:00+00'
FROM patients p JOIN LATERAL (SELECT id FROM providers WHERE org_id = p.org_id ORDER BY id LIMIT 1) pr ON true;
INSERT INTO timeline_events
SELECT gen_random_uuid(), e.org_id, e.patient_id, e.id, 'vital', 'LOINC', '8867-4', 'Heart rate', 72, NULL, '/min',
       'final', e.started_at, e.provider_id, '{}'::jsonb
FROM encounters e, generate_series(1, 3);
INSERT INTO documents (id, org_id, patient_id, encounter_id, author_id, type_code, type_display, title, body, status, created_at)
SELECT gen_random_uuid(), e.org_id, e.patient_id, e.id, e.provider_id, '11506-3', 'Progress note', 'Progress note',
       'Blood pressure reviewed; continue lisinopril.', 'final', e.started_at
FROM encounters e;
-- Each provider also has one administrative task without a patient.
INSERT INTO tasks
SELECT gen_random_uuid(), e.org_id, e.patient_id, 'result_review', 'Review result', 'open', 'routine', e.provider_id, NULL::uuid,
       '2024-01-02 09:00:00+00'::timestamptz, NULL::timestamptz, '2024-01-01 10:00:00+00'::timestamptz
FROM encounters e
UNION ALL
SELECT gen_random_uuid(), org_id, NULL::uuid, 'admin', 'Complete training', 'open', 'low', id, NULL::uuid,
       '2024-01-02 09:00:00+00'::timestamptz, NULL::timestamptz, '2024-01-01 10:00:00+00'::timestamptz
FROM providers;
INSERT INTO audit_logs
SELECT gen_random_uuid(), e.org_id, e.provider_id, 'patient.read', 'patient', e.patient_id, e.patient_id,
       e.started_at, '10.0.0.1', 'Mozilla/5.0', 'success'
FROM encounters e;
