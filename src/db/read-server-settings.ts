import type { Queryable } from './queryable.js';

/** The named settings as the server reports them, with their unit ("16384 (8kB)"); unknown names are absent. */
export async function readServerSettings(client: Queryable, names: readonly string[]): Promise<Record<string, string>> {
  const result = await client.query<{ name: string; setting: string; unit: string | null }>(
    'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name',
    [names],
  );
  return Object.fromEntries(result.rows.map((row) => [row.name, row.unit ? `${row.setting} (${row.unit})` : row.setting]));
}
