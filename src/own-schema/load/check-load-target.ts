import { UsageError } from '../../cli/errors.js';
import type { Queryable } from '../../db/queryable.js';
import { qualify } from '../catalog/quote-ident.js';
import type { MappedTarget } from '../prepare-mapped-target.js';
import { awaitingRepair, type SetAside } from './mapped-runs.js';

/**
 * What a seed into the user's tables must find before it writes anything: the indexes it was told
 * to defer, the right to load tables under row-level security and to disable triggers, and empty
 * tables (or, with --reset, tables it can truncate without touching any table outside the mapping).
 * Each is a UsageError that names the table and the fix.
 */
export async function checkLoadTarget(
  client: Queryable,
  target: MappedTarget,
  options: { deferIndexes: readonly string[]; deferForeignKeys: readonly string[]; disableTriggers: boolean; reset: boolean },
): Promise<{ deferred: Pick<SetAside, 'indexes' | 'foreignKeys'>; truncate: boolean }> {
  const schema = target.catalog.schema;
  // set aside by a run that died: the seed puts them back before anything else, then defers them again
  const awaiting = await awaitingRepair(client);
  const deferred = {
    indexes: resolveDeferred('--defer-indexes', options.deferIndexes, deferrableIndexes(target), awaiting.indexes),
    foreignKeys: resolveDeferred('--defer-foreign-keys', options.deferForeignKeys, await foreignKeyDefinitions(client, target), awaiting.foreignKeys),
  };
  const role = await client.query<{ bypass: boolean }>(`SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`);
  if (!role.rows[0]?.bypass) {
    const guarded = target.tables.filter((t) => t.table.rowSecurity.enabled).map((t) => t.table.name);
    if (guarded.length) throw new UsageError(`row-level security is enabled on ${guarded.join(', ')} and the connecting role can neither bypass it nor is a superuser: connect as a role with BYPASSRLS (or a superuser) to seed`);
  }
  if (options.disableTriggers) {
    for (const t of target.tables) {
      const owner = await client.query<{ ok: boolean }>(`SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS ok FROM pg_class c WHERE c.oid = $1::regclass`, [qualify(schema, t.table.name)]);
      if (!owner.rows[0]?.ok) throw new UsageError(`--triggers disable: the connecting role does not own ${t.table.name}, so it cannot disable its triggers; use --triggers keep or connect as its owner`);
    }
  }
  const filled: string[] = [];
  for (const t of target.tables) {
    const found = await client.query(`SELECT 1 FROM ${qualify(schema, t.table.name)} LIMIT 1`);
    if (found.rowCount) filled.push(t.table.name);
  }
  if (filled.length && !options.reset) {
    throw new UsageError(`${filled.join(', ')} already hold${filled.length === 1 ? 's' : ''} rows; medseed never overwrites data it did not load. Pass --reset to truncate exactly the mapped tables (${target.tables.map((t) => t.table.name).join(', ')}), or seed an empty database`);
  }
  if (filled.length) {
    const mapped = new Set(target.tables.map((t) => t.table.name));
    for (const table of target.catalog.tables.values()) {
      if (mapped.has(table.name)) continue;
      const into = table.foreignKeys.find((fk) => fk.refSchema === schema && mapped.has(fk.refTable));
      if (into) throw new UsageError(`--reset: ${table.name} (not in the mapping) references ${into.refTable} through ${into.name}; truncating the mapped tables would need CASCADE into ${table.name}, which medseed never does. Empty it yourself or add it to the mapping`);
    }
  }
  // only tables that hold rows need truncating; empty ones are loaded as they are
  return { deferred, truncate: filled.length > 0 };
}

type Deferrable = SetAside['indexes'][number];

/** Names (or `all`) resolved to what can be deferred, each a UsageError when it cannot. */
function resolveDeferred(flag: string, names: readonly string[], available: readonly (Deferrable & { refusal?: string })[], awaiting: readonly Deferrable[]): Deferrable[] {
  if (names.length === 1 && names[0] === 'all') {
    const all = new Map<string, Deferrable>(available.filter((x) => !x.refusal).map((x) => [x.name, { table: x.table, name: x.name, definition: x.definition }]));
    for (const x of awaiting) all.set(x.name, x);
    return [...all.values()];
  }
  return names.map((name) => {
    const recorded = awaiting.find((x) => x.name === name);
    if (recorded) return recorded;
    const found = available.find((x) => x.name === name);
    if (!found) throw new UsageError(`${flag}: nothing named "${name}" on the mapped tables (there are: ${available.filter((x) => !x.refusal).map((x) => x.name).join(', ') || 'none'}; or pass all)`);
    if (found.refusal) throw new UsageError(`${flag}: "${name}" ${found.refusal}`);
    return { table: found.table, name: found.name, definition: found.definition };
  });
}

/** Indexes of the mapped tables; one backing a constraint cannot be dropped alone. */
function deferrableIndexes(target: MappedTarget): (Deferrable & { refusal?: string })[] {
  return target.tables.flatMap((t) =>
    t.table.indexes.map((index) => ({
      table: t.table.name,
      name: index.name,
      definition: index.definition,
      ...(index.constraint ? { refusal: `backs constraint ${index.constraint}; medseed defers plain indexes only (dropping it would drop the constraint)` } : {}),
    })),
  );
}

/** Foreign keys of the mapped tables, with the definition that adds them back. */
async function foreignKeyDefinitions(client: Queryable, target: MappedTarget): Promise<Deferrable[]> {
  const result = await client.query<Deferrable>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = $1 AND t.relname = ANY($2::text[]) ORDER BY t.relname, c.conname`,
    [target.catalog.schema, target.tables.map((t) => t.table.name)],
  );
  return result.rows;
}
