-- medseed:phase=post-load
-- Hand-written: the primary keys that 0007 took out of the load, built after it like the other
-- indexes (in parallel, longest first), then attached as constraints without a second scan.
CREATE UNIQUE INDEX providers_pkey ON providers (id);
CREATE UNIQUE INDEX patients_pkey ON patients (id);
CREATE UNIQUE INDEX care_team_members_pkey ON care_team_members (id);
CREATE UNIQUE INDEX encounters_pkey ON encounters (id);
CREATE UNIQUE INDEX timeline_events_pkey ON timeline_events (id);
CREATE UNIQUE INDEX documents_pkey ON documents (id);
CREATE UNIQUE INDEX tasks_pkey ON tasks (id);
CREATE UNIQUE INDEX audit_logs_pkey ON audit_logs (id);
ALTER TABLE providers ADD CONSTRAINT providers_pkey PRIMARY KEY USING INDEX providers_pkey;
ALTER TABLE patients ADD CONSTRAINT patients_pkey PRIMARY KEY USING INDEX patients_pkey;
ALTER TABLE care_team_members ADD CONSTRAINT care_team_members_pkey PRIMARY KEY USING INDEX care_team_members_pkey;
ALTER TABLE encounters ADD CONSTRAINT encounters_pkey PRIMARY KEY USING INDEX encounters_pkey;
ALTER TABLE timeline_events ADD CONSTRAINT timeline_events_pkey PRIMARY KEY USING INDEX timeline_events_pkey;
ALTER TABLE documents ADD CONSTRAINT documents_pkey PRIMARY KEY USING INDEX documents_pkey;
ALTER TABLE tasks ADD CONSTRAINT tasks_pkey PRIMARY KEY USING INDEX tasks_pkey;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_pkey PRIMARY KEY USING INDEX audit_logs_pkey;
