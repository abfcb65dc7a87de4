import { readFileSync } from 'node:fs';
import type { TableKey } from '../../src/db/distribution-keys.js';

const docs = new URL('../../docs/', import.meta.url);

export const citusSchemaSql = (): string => readFileSync(new URL('citus/schema.sql', docs), 'utf8');

/** The reference and distributed tables named in docs/citus/distribute.sql, so tests and design share one list. */
export function readCitusDistribution(): { reference: string[]; distributed: { table: string; column: string }[] } {
  const sql = readFileSync(new URL('citus/distribute.sql', docs), 'utf8').replace(/--.*$/gm, '');
  const reference = [...sql.matchAll(/create_reference_table\('(\w+)'\)/g)].map((m) => m[1]!);
  const distributed = [...sql.matchAll(/create_distributed_table\('(\w+)',\s*'(\w+)'/g)].map((m) => ({ table: m[1]!, column: m[2]! }));
  return { reference, distributed };
}

const START = '<!-- keys-without-org-id -->';
const END = '<!-- /keys-without-org-id -->';

/**
 * The keys docs/scale-out.md says lack org_id: the Markdown table between its two markers, one row
 * per key: | table | key | kind | columns |.
 */
export function readDocumentedKeysWithoutOrgId(): TableKey[] {
  const text = readFileSync(new URL('scale-out.md', docs), 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/scale-out.md: no list between ${START} and ${END}`);
  const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/`/g, ''));
  return text
    .slice(start + START.length, end)
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1) // the header row
    .map(cells)
    .map(([table, name, kind, columns]) => ({ table, name, kind, columns: columns!.split(',').map((c) => c.trim()) }) as TableKey);
}
