/**
 * --leakproof-search / --no-leakproof-search, shared by migrate and seed. No default: left out,
 * medseed leaves the server's setting as it finds it.
 */
export const leakproofSearchOption = {
  type: 'boolean',
  describe:
    'Superuser only. Mark pg_catalog.ts_match_vq LEAKPROOF in this database so full-text search under RLS can use ' +
    'the GIN index (a security trade-off for every RLS table of the database; see README "RLS model"). ' +
    '--no-leakproof-search clears the mark. Left out, the setting is left as it is',
} as const;
