-- medseed:phase=schema
-- medseed's own record of each seed run, so a half-loaded database never passes for a complete one.
CREATE TABLE medseed.runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  seed text NOT NULL,
  profile text NOT NULL,
  generator_version text NOT NULL,
  volumes jsonb NOT NULL,
  manifest jsonb,
  timings jsonb,
  error text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
