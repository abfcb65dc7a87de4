import type { Queryable } from '../db/queryable.js';

/** Whether every note's stored search vector is what PostgreSQL itself makes of its title and body. */
export interface SearchVectorCheck {
  readonly checked: number;
  readonly mismatched: number;
  /** Up to five ids of notes whose vector differs, in id order. */
  readonly sampleIds: string[];
}

const SAMPLE = 5;

/**
 * Recomputes to_tsvector('english', title || ' ' || body) for every document in one scan and
 * counts the rows whose stored search_vector differs. medseed writes the vectors itself (and the
 * triggers of 0006 write the application's), so this is what proves search sees the notes' text.
 */
export async function checkSearchVectors(client: Queryable): Promise<SearchVectorCheck> {
  const result = await client.query<{ checked: string; mismatched: string; sample_ids: string[] | null }>(
    `SELECT count(*) AS checked,
            count(*) FILTER (WHERE differs) AS mismatched,
            (array_agg(id::text ORDER BY id) FILTER (WHERE differs))[1:${SAMPLE}] AS sample_ids
       FROM (SELECT id, search_vector IS DISTINCT FROM to_tsvector('english'::regconfig, title || ' ' || body) AS differs
               FROM public.documents) AS notes`,
  );
  const row = result.rows[0]!;
  return { checked: Number(row.checked), mismatched: Number(row.mismatched), sampleIds: row.sample_ids ?? [] };
}

/** The problem line verify prints, or undefined when every vector is right. */
export function describeSearchVectorProblem(check: SearchVectorCheck): string | undefined {
  if (check.mismatched === 0) return undefined;
  const more = check.mismatched > check.sampleIds.length ? ', ...' : '';
  return (
    `search vectors differ from to_tsvector('english', title || ' ' || body) in ${check.mismatched} of ${check.checked} documents ` +
    `(${check.sampleIds.join(', ')}${more}): full-text search would not find what these notes say`
  );
}
