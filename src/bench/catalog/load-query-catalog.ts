import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../cli/errors.js';
import { packageRoot } from '../../package-root.js';
import { parseQueryFile } from './parse-query-file.js';
import type { QuerySpec } from './query-spec.js';

/** A catalog that does not validate: every problem of every file, at once. */
export class CatalogError extends UsageError {
  constructor(readonly problems: readonly string[]) {
    super(`invalid query catalog:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export function defaultCatalogDir(): string {
  return path.join(packageRoot(), 'bench', 'queries');
}

/** Reads and validates every `*.sql` file of a catalog directory, sorted by name. */
export function loadQueryCatalog(dir: string = defaultCatalogDir()): QuerySpec[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.sql')).sort();
  } catch (error) {
    throw new CatalogError([`${dir}: cannot read the directory (${(error as Error).message})`]);
  }
  if (files.length === 0) throw new CatalogError([`${dir}: holds no .sql query files`]);
  const problems: string[] = [];
  const specs: QuerySpec[] = [];
  for (const file of files) {
    const parsed = parseQueryFile(file, readFileSync(path.join(dir, file), 'utf8'));
    problems.push(...parsed.problems);
    if (parsed.spec) specs.push(parsed.spec);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return specs;
}

/** Keeps the queries named by --only, in catalog order; unknown names are a usage error listing the catalog. */
export function selectQueries(specs: readonly QuerySpec[], only: readonly string[] | undefined): QuerySpec[] {
  if (!only || only.length === 0) return [...specs];
  const known = new Set(specs.map((spec) => spec.name));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UsageError(`--only: unknown quer${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; the catalog has ${[...known].join(', ')}`);
  }
  return specs.filter((spec) => only.includes(spec.name));
}
