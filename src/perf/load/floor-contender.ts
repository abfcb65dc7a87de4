import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { connect } from '../../db/connect.js';
import { applyMigrations } from '../../db/migrations/apply-migrations.js';
import { applyPostLoad } from '../../load/post-load.js';
import { startTableCopy } from '../../load/table-copy.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { TABLE_NAMES, TABLE_SPECS } from '../../tables/table-specs.js';

/**
 * The server's share of a seed, with generation taken out: the COPY text medseed would stream is
 * written to files first (not timed), then loaded exactly as `seed` loads it (one COPY FREEZE per
 * table, all at once, in the transaction that truncates it), with the same index phase and ANALYZE.
 * No generator can make `seed` faster than this on the same server, so it is the floor any
 * generation speed-up approaches.
 */
export interface FloorResult {
  readonly seconds: number;
  readonly rows: number;
  readonly phases: Readonly<Record<'copy' | 'indexes' | 'analyze', number>>;
}

const fileOf = (dir: string, table: string) => path.join(dir, `${table}.copy`);

/** Writes each table's COPY text (no SQL around it) to DIR/<table>.copy. Returns the row count. */
export async function writeCopyFiles(dir: string, profile: string): Promise<number> {
  const files = new Map(TABLE_NAMES.map((table) => [table, createWriteStream(fileOf(dir, table))]));
  let rows = 0;
  for await (const chunk of generateChunks(resolveRunConfig({ profile }), { workers: 1, batchSize: 200, format: 'copy', lean: true })) {
    for (const table of TABLE_NAMES) {
      rows += chunk.rows[table];
      if (!files.get(table)!.write(chunk.data[table])) await once(files.get(table)!, 'drain');
    }
  }
  await Promise.all([...files.values()].map((file) => new Promise((resolve) => file.end(resolve))));
  return rows;
}

/** Loads the files written by writeCopyFiles into an empty database at `url`, timed by phase. */
export async function loadCopyFiles(dir: string, url: string, rows: number, indexConcurrency = 2): Promise<FloorResult> {
  const admin = await connect(url, 'medseed-bench-floor');
  try {
    await applyMigrations(admin, { upTo: 'schema' });
    const started = performance.now();
    const clients = await Promise.all(TABLE_SPECS.map((spec) => connect(url, `medseed-floor-${spec.name}`)));
    try {
      await Promise.all(
        TABLE_SPECS.map(async (spec, i) => {
          const copy = startTableCopy(clients[i]!, spec);
          for await (const data of createReadStream(fileOf(dir, spec.name), { highWaterMark: 1 << 20 })) await copy.write(data as Buffer);
          await copy.end();
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    const copied = performance.now();
    await applyPostLoad(admin, url, { concurrency: indexConcurrency });
    const indexed = performance.now();
    for (const table of TABLE_NAMES) await admin.query(`ANALYZE public.${table}`);
    const analyzed = performance.now();
    return {
      seconds: (analyzed - started) / 1000,
      rows,
      phases: { copy: (copied - started) / 1000, indexes: (indexed - copied) / 1000, analyze: (analyzed - indexed) / 1000 },
    };
  } finally {
    await admin.end();
  }
}
