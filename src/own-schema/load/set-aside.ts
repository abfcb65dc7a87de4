import type { Queryable } from '../../db/queryable.js';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import type { SetAside } from './mapped-runs.js';

/**
 * Drops the indexes and foreign keys a run was told to defer and disables user triggers when asked, exactly what
 * was recorded beforehand, and puts them back. Putting back is idempotent (IF NOT EXISTS cannot
 * be added to an arbitrary pg_get_indexdef, so an index found present is skipped), so a repair of
 * a run that died half way through its own restore is safe.
 */
export async function setAside(client: Queryable, schema: string, objects: SetAside): Promise<void> {
  for (const key of objects.foreignKeys) await client.query(`ALTER TABLE ${qualify(schema, key.table)} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  for (const index of objects.indexes) await client.query(`DROP INDEX ${qualify(schema, index.name)}`);
  for (const table of objects.triggersDisabledOn) await client.query(`ALTER TABLE ${qualify(schema, table)} DISABLE TRIGGER USER`);
}

export async function putBack(client: Queryable, schema: string, objects: SetAside): Promise<string[]> {
  const done: string[] = [];
  for (const index of objects.indexes) {
    const present = await client.query(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`, [schema, index.name]);
    if (present.rowCount) continue;
    await client.query(index.definition);
    done.push(`index ${index.name} re-created`);
  }
  // after the indexes: adding a key back checks every row in one join, helped by the indexes
  for (const key of objects.foreignKeys) {
    const present = await client.query(
      `SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname = $2 AND c.conname = $3`,
      [schema, key.table, key.name],
    );
    if (present.rowCount) continue;
    await client.query(`ALTER TABLE ${qualify(schema, key.table)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
    done.push(`foreign key ${key.name} added back and checked`);
  }
  for (const table of objects.triggersDisabledOn) {
    await client.query(`ALTER TABLE ${qualify(schema, table)} ENABLE TRIGGER USER`);
    done.push(`triggers of ${quoteIdent(table)} enabled`);
  }
  return done;
}
