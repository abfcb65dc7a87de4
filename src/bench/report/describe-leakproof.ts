/** One sentence on whether full-text search can use its index under RLS here, for the table and bench.md. */
export function describeLeakproof(leakproof: boolean | null | undefined): string {
  if (leakproof === true) return 'text search is LEAKPROOF here (ts_match_vq): @@ can use the GIN index under RLS';
  if (leakproof === false) {
    return 'text search is not LEAKPROOF here (ts_match_vq): under RLS @@ cannot be an index condition, so a search only the tenant policy narrows filters every note of the tenant';
  }
  return 'text search LEAKPROOF status unknown (ts_match_vq not found, or a baseline written before it was recorded)';
}
