-- medseed:phase=schema
-- A run's whole lifecycle, so that a failed or dead run is never mistaken for a complete one.
-- 'abandoned': the loader died without recording its end (found 'running' with its advisory lock free).
-- phase / failed_table: where a failure happened, for the message and for recovery.
-- source: who loaded the data ('seed' is medseed seed; 'load.sql' is psql running generated files).
-- options: choices that change what a benchmark measures (e.g. LEAKPROOF text search), shown by bench.
ALTER TABLE medseed.runs DROP CONSTRAINT runs_status_check;
ALTER TABLE medseed.runs ADD CONSTRAINT runs_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned'));
ALTER TABLE medseed.runs ADD COLUMN source text NOT NULL DEFAULT 'seed' CHECK (source IN ('seed', 'load.sql'));
ALTER TABLE medseed.runs ADD COLUMN phase text;
ALTER TABLE medseed.runs ADD COLUMN failed_table text;
ALTER TABLE medseed.runs ADD COLUMN options jsonb NOT NULL DEFAULT '{}';
