import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../../cli/errors.js';
import type { Mapping } from './define-mapping.js';

/**
 * Loads a mapping file (TypeScript or JavaScript, ESM) with tsx, as drizzle-kit loads its config:
 * no build step, and 'medseed/mapping' resolves through the package's exports. Every failure is
 * the user's file, so every failure is a UsageError naming the file and what to do.
 */
export async function loadMapping(file: string): Promise<{ mapping: Mapping; path: string }> {
  const absolute = path.resolve(file);
  try {
    await access(absolute);
  } catch {
    throw new UsageError(`--mapping: ${file} does not exist (give the path of a mapping file, e.g. examples/supabase/mapping.ts)`);
  }
  let loaded: { default?: unknown };
  try {
    const { tsImport } = await import('tsx/esm/api');
    loaded = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as { default?: unknown };
  } catch (error) {
    // esbuild puts the file, line and column on the line after "Transform failed with 1 error:"
    const reason = error instanceof Error ? error.message.split('\n').filter(Boolean).slice(0, 2).join(' ') : String(error);
    throw new UsageError(`--mapping: ${file} could not be loaded: ${reason}`);
  }
  // a .ts file outside an ESM package is loaded as CommonJS: its default export arrives one level down
  let mapping = loaded.default;
  if (typeof mapping === 'object' && mapping !== null && !('tables' in mapping) && 'default' in mapping) mapping = (mapping as { default: unknown }).default;
  const problem = shapeProblem(mapping);
  if (problem) throw new UsageError(`--mapping: ${file}: ${problem} (export default defineMapping({ tables: { ... } }))`);
  return { mapping: mapping as Mapping, path: absolute };
}

function shapeProblem(mapping: unknown): string | undefined {
  if (typeof mapping !== 'object' || mapping === null) return 'has no default export';
  const { tables, schema } = mapping as { tables?: unknown; schema?: unknown };
  if (schema !== undefined && typeof schema !== 'string') return '"schema" must be a string';
  if (typeof tables !== 'object' || tables === null || Object.keys(tables).length === 0) return 'maps no tables';
  for (const [name, table] of Object.entries(tables)) {
    if (typeof table !== 'object' || table === null || typeof (table as { entity?: unknown }).entity !== 'string') return `table "${name}" names no entity`;
    const where = (table as { where?: unknown }).where;
    if (where !== undefined && typeof where !== 'function' && (typeof where !== 'object' || where === null || Object.values(where).some((v) => !Array.isArray(v)))) {
      return `table "${name}": "where" must be a function of the entity row or { field: [values] }`;
    }
  }
  return undefined;
}
