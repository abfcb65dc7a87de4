-- medseed:phase=post-load
-- Hand-written: secondary indexes, unique and foreign-key constraints. `medseed seed` applies this
-- step after the bulk COPY, because building an index once over loaded rows is several times
-- faster than maintaining it row by row. `medseed migrate` applies it at once on an empty database.
-- Foreign keys include org_id, so a row can never point at another tenant's parent.

CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);
CREATE UNIQUE INDEX providers_org_id_id_key ON providers (org_id, id);
CREATE UNIQUE INDEX providers_npi_key ON providers (npi);
CREATE UNIQUE INDEX patients_org_id_mrn_key ON patients (org_id, mrn);
CREATE UNIQUE INDEX patients_org_id_id_key ON patients (org_id, id);
CREATE INDEX patients_org_id_family_name_idx ON patients (org_id, family_name, given_name);
CREATE INDEX care_team_members_provider_id_idx ON care_team_members (provider_id, patient_id) WHERE period_end IS NULL;
CREATE INDEX care_team_members_patient_id_idx ON care_team_members (patient_id);
CREATE UNIQUE INDEX encounters_org_id_id_key ON encounters (org_id, id);
CREATE INDEX encounters_patient_id_started_at_idx ON encounters (patient_id, started_at DESC);
CREATE INDEX encounters_org_id_started_at_idx ON encounters (org_id, started_at);
CREATE INDEX timeline_events_patient_id_occurred_at_idx ON timeline_events (patient_id, occurred_at DESC);
CREATE INDEX timeline_events_patient_id_category_occurred_at_idx ON timeline_events (patient_id, category, occurred_at);
CREATE INDEX timeline_events_org_id_category_occurred_at_idx ON timeline_events (org_id, category, occurred_at);
CREATE INDEX timeline_events_encounter_id_idx ON timeline_events (encounter_id);
CREATE INDEX documents_patient_id_created_at_idx ON documents (patient_id, created_at DESC);
CREATE INDEX documents_org_id_created_at_idx ON documents (org_id, created_at);
CREATE INDEX documents_search_vector_idx ON documents USING gin (search_vector);
CREATE INDEX documents_encounter_id_idx ON documents (encounter_id);
CREATE INDEX tasks_assignee_id_status_due_at_idx ON tasks (assignee_id, status, due_at);
CREATE INDEX tasks_org_id_status_due_at_idx ON tasks (org_id, status, due_at);
CREATE INDEX tasks_patient_id_idx ON tasks (patient_id);
CREATE INDEX audit_logs_patient_id_occurred_at_idx ON audit_logs (patient_id, occurred_at);
CREATE INDEX audit_logs_actor_id_occurred_at_idx ON audit_logs (actor_id, occurred_at);
CREATE INDEX audit_logs_org_id_occurred_at_idx ON audit_logs USING brin (org_id, occurred_at);
--> statement-breakpoint

ALTER TABLE providers ADD CONSTRAINT providers_org_id_fkey
  FOREIGN KEY (org_id) REFERENCES organizations (id);
ALTER TABLE patients ADD CONSTRAINT patients_org_id_fkey
  FOREIGN KEY (org_id) REFERENCES organizations (id);
ALTER TABLE care_team_members ADD CONSTRAINT care_team_members_patient_fkey
  FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id);
ALTER TABLE care_team_members ADD CONSTRAINT care_team_members_provider_fkey
  FOREIGN KEY (org_id, provider_id) REFERENCES providers (org_id, id);
ALTER TABLE encounters ADD CONSTRAINT encounters_patient_fkey
  FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id);
ALTER TABLE encounters ADD CONSTRAINT encounters_provider_fkey
  FOREIGN KEY (org_id, provider_id) REFERENCES providers (org_id, id);
ALTER TABLE timeline_events ADD CONSTRAINT timeline_events_patient_fkey
  FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id);
ALTER TABLE timeline_events ADD CONSTRAINT timeline_events_encounter_fkey
  FOREIGN KEY (org_id, encounter_id) REFERENCES encounters (org_id, id);
ALTER TABLE timeline_events ADD CONSTRAINT timeline_events_recorded_by_fkey
  FOREIGN KEY (org_id, recorded_by) REFERENCES providers (org_id, id);
ALTER TABLE documents ADD CONSTRAINT documents_patient_fkey
  FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id);
ALTER TABLE documents ADD CONSTRAINT documents_encounter_fkey
  FOREIGN KEY (org_id, encounter_id) REFERENCES encounters (org_id, id);
ALTER TABLE documents ADD CONSTRAINT documents_author_fkey
  FOREIGN KEY (org_id, author_id) REFERENCES providers (org_id, id);
ALTER TABLE tasks ADD CONSTRAINT tasks_patient_fkey
  FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id);
ALTER TABLE tasks ADD CONSTRAINT tasks_assignee_fkey
  FOREIGN KEY (org_id, assignee_id) REFERENCES providers (org_id, id);
ALTER TABLE tasks ADD CONSTRAINT tasks_creator_fkey
  FOREIGN KEY (org_id, creator_id) REFERENCES providers (org_id, id);
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_actor_fkey
  FOREIGN KEY (org_id, actor_id) REFERENCES providers (org_id, id);
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_patient_fkey
  FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id);
