import type { Queryable } from '../db/queryable.js';
import type { PostLoadObject } from './post-load-objects.js';

/**
 * What the catalog holds under a post-load object's name: 'valid'; 'missing'; 'invalid' (an index a
 * failed or interrupted build left behind, not valid or not ready, or a NOT VALID constraint); or
 * 'elsewhere' (the name is taken by an object on another table, which medseed never touches).
 */
export type PostLoadObjectState = 'valid' | 'missing' | 'invalid' | 'elsewhere';

export interface PostLoadObjectStatus extends PostLoadObject {
  readonly state: PostLoadObjectState;
}

/** Reads the state of each post-load index and constraint from pg_index and pg_constraint. */
export async function readPostLoadState(client: Queryable, objects: readonly PostLoadObject[]): Promise<PostLoadObjectStatus[]> {
  const indexNames = objects.filter((o) => o.kind === 'index').map((o) => o.name);
  const constraintNames = objects.filter((o) => o.kind === 'constraint').map((o) => o.name);
  const indexes = await client.query<{ name: string; table: string; valid: boolean }>(
    `SELECT c.relname AS name, t.relname AS table, i.indisvalid AND i.indisready AS valid
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1::text[])`,
    [indexNames],
  );
  const constraints = await client.query<{ name: string; table: string; valid: boolean }>(
    `SELECT con.conname AS name, t.relname AS table, con.convalidated AS valid
       FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid
      WHERE con.connamespace = 'public'::regnamespace AND con.conname = ANY($1::text[])`,
    [constraintNames],
  );
  const found = new Map<string, { table: string; valid: boolean }[]>();
  for (const row of [...indexes.rows.map((r) => ({ ...r, kind: 'index' })), ...constraints.rows.map((r) => ({ ...r, kind: 'constraint' }))]) {
    const key = `${row.kind}:${row.name}`;
    found.set(key, [...(found.get(key) ?? []), row]);
  }
  return objects.map((object) => {
    const rows = found.get(`${object.kind}:${object.name}`) ?? [];
    const own = rows.find((row) => row.table === object.table);
    const state: PostLoadObjectState = own ? (own.valid ? 'valid' : 'invalid') : rows.length > 0 ? 'elsewhere' : 'missing';
    return { ...object, state };
  });
}
