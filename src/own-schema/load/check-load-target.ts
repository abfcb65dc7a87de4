import { UsageError } from '../../cli/errors.js';
import type { Queryable } from '../../db/queryable.js';
import { qualify } from '../catalog/quote-ident.js';
import type { MappedTarget } from '../prepare-mapped-target.js';
import { indexesAwaitingRepair, type SetAside } from './mapped-runs.js';

/**
 * What a seed into the user's tables must find before it writes anything: the indexes it was told
 * to defer, the right to load tables under row-level security and to disable triggers, and empty
 * tables (or, with --reset, tables it can truncate without touching any table outside the mapping).
 * Each is a UsageError that names the table and the fix.
 */
export async function checkLoadTarget(
  client: Queryable,
  target: MappedTarget,
  options: { deferIndexes: readonly string[]; disableTriggers: boolean; reset: boolean },
): Promise<{ deferred: SetAside['indexes']; truncate: boolean }> {
  const schema = target.catalog.schema;
  const deferred: SetAside['indexes'][number][] = [];
  const awaitingRepair = await indexesAwaitingRepair(client);
  for (const name of options.deferIndexes) {
    // set aside by a run that died: the seed re-creates it before anything else, then defers it again
    const recorded = awaitingRepair.find((index) => index.name === name);
    if (recorded) {
      deferred.push(recorded);
      continue;
    }
    const found = target.tables.flatMap((t) => t.table.indexes.map((index) => ({ table: t.table.name, index }))).find((x) => x.index.name === name);
    if (!found) throw new UsageError(`--defer-indexes: no index "${name}" on the mapped tables (indexes: ${target.tables.flatMap((t) => t.table.indexes.map((i) => i.name)).join(', ') || 'none'})`);
    if (found.index.constraint) throw new UsageError(`--defer-indexes: "${name}" backs constraint ${found.index.constraint}; medseed defers plain indexes only (dropping it would drop the constraint)`);
    deferred.push({ table: found.table, name, definition: found.index.definition });
  }
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
