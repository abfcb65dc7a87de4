import { createHash } from 'node:crypto';
import type pg from 'pg';
import pLimit from 'p-limit';
import { to as copyTo } from 'pg-copy-streams';
import type { RunConfig } from '../config/resolve-run-config.js';
import { connect } from '../db/connect.js';
import { generateChunks, returnChunk } from '../runner/generate-chunks.js';
import { createTableDigests, type TableDigest } from '../sinks/table-digests.js';
import { TABLE_SPECS, type TableName, type TableSpec } from '../tables/table-specs.js';

export interface TableComparison {
  readonly table: TableName;
  readonly expected: TableDigest;
  readonly actual: TableDigest;
  readonly identical: boolean;
}

export interface VerifyResult {
  readonly identical: boolean;
  readonly tables: readonly TableComparison[];
}

const NEWLINE = 0x0a;

/**
 * Streams a table out of PostgreSQL in canonical order (ORDER BY id: ids sort in generation order)
 * as COPY text, hashing as it goes. Run with TimeZone UTC (connect() sets it) so timestamps print
 * exactly as the generator wrote them.
 */
async function digestTable(client: pg.Client, spec: TableSpec): Promise<TableDigest> {
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  const stream = client.query(copyTo(`COPY (SELECT ${spec.columns.join(', ')} FROM public.${spec.name} ORDER BY id) TO STDOUT`));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) rows++;
  }
  return { rows, bytes, sha256: hash.digest('hex') };
}

async function digestDatabase(url: string, concurrency: number): Promise<Record<TableName, TableDigest>> {
  const limit = pLimit(concurrency);
  const entries = await Promise.all(
    TABLE_SPECS.map((spec) =>
      limit(async () => {
        const client = await connect(url, 'medseed-verify');
        try {
          return [spec.name, await digestTable(client, spec)] as const;
        } finally {
          await client.end();
        }
      }),
    ),
  );
  return Object.fromEntries(entries) as Record<TableName, TableDigest>;
}

export async function digestGenerated(config: RunConfig, workers: number, batchSize: number): Promise<Record<TableName, TableDigest>> {
  const digests = createTableDigests();
  for await (const chunk of generateChunks(config, { workers, batchSize, format: 'copy', returnsChunks: true })) {
    for (const spec of TABLE_SPECS) digests.update(spec.name, chunk.data[spec.name], chunk.rows[spec.name]);
    returnChunk(chunk);
  }
  return digests.finish();
}

/** Compares every table's row count and checksum in the database with what the generator produces. */
export async function verifyDatabase(url: string, config: RunConfig, workers: number, batchSize: number): Promise<VerifyResult> {
  const [actual, expected] = await Promise.all([digestDatabase(url, 2), digestGenerated(config, workers, batchSize)]);
  const tables = TABLE_SPECS.map(({ name }) => {
    const e = expected[name];
    const a = actual[name];
    return { table: name, expected: e, actual: a, identical: e.rows === a.rows && e.sha256 === a.sha256 };
  });
  return { identical: tables.every((t) => t.identical), tables };
}
