import type pg from 'pg';
import type { RunConfig } from '../config/resolve-run-config.js';
import { connect } from '../db/connect.js';
import { applyMigrations } from '../db/migrations/apply-migrations.js';
import { generateChunks } from '../runner/generate-chunks.js';
import { createManifest, type Manifest } from '../sinks/manifest.js';
import { createTableDigests } from '../sinks/table-digests.js';
import { TABLE_NAMES, TABLE_SPECS, type TableName } from '../tables/table-specs.js';
import { applyPostLoad } from './post-load.js';
import { PostLoadError } from './post-load-error.js';
import { assertCanBulkLoad, prepareTables } from './prepare-tables.js';
import { recordRunEnd, recordRunStart } from './run-record.js';
import { startTableCopy, type TableCopy } from './table-copy.js';

export const SEED_PHASES = ['migrate', 'generate+copy', 'indexes', 'analyze'] as const;
export type SeedPhase = (typeof SEED_PHASES)[number];

export interface SeedOptions {
  readonly url: string;
  readonly config: RunConfig;
  readonly workers: number;
  readonly batchSize: number;
  readonly reset: boolean;
  readonly vacuum: boolean;
  /** Index builds at once after the load. */
  readonly indexConcurrency: number;
  /** COPY streams per table (default DEFAULT_COPY_STREAMS, else one). */
  readonly copyStreams?: Partial<Record<TableName, number>>;
  readonly signal?: AbortSignal;
  readonly onPhase?: (phase: SeedPhase) => void;
  readonly onRows?: (rows: Record<TableName, number>, patients: number) => void;
  readonly log?: (line: string) => void;
}

export interface SeedSummary {
  readonly runId: number;
  readonly manifest: Manifest;
  /** Seconds per phase and in total. */
  readonly timings: Record<SeedPhase | 'total', number>;
  readonly rowsPerSecond: number;
  readonly megabytesPerSecond: number;
  /** Peak resident memory of this process (all worker threads included). */
  readonly peakRssMegabytes: number;
}

/** A seed failure that names the phase and, when known, the table, keeping the server's error as cause. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
  constructor(
    readonly phase: SeedPhase,
    readonly table: TableName | undefined,
    cause: unknown,
  ) {
    const server = cause instanceof Error ? cause.message : String(cause);
    super(`seed failed during ${phase}${table ? ` on table ${table}` : ''}: ${server}`, { cause });
  }
}

/**
 * COPY streams per table. Documents cost PostgreSQL far more per byte than any other table (the
 * generated tsvector: ~1.4k rows/s on one core vs ~100k for events), so one stream for them would
 * leave the load waiting on a single backend; splitting them keeps both cores busy.
 */
export const DEFAULT_COPY_STREAMS: Partial<Record<TableName, number>> = { documents: 2 };

async function loadTables(options: SeedOptions, digests: ReturnType<typeof createTableDigests>): Promise<void> {
  const { url, config } = options;
  const clients: pg.Client[] = [];
  const copies = new Map<TableName, TableCopy[]>();
  const all: TableCopy[] = [];
  let failure: SeedError | undefined;
  try {
    for (const spec of TABLE_SPECS) {
      const streams: TableCopy[] = [];
      for (let i = 0; i < Math.max(1, options.copyStreams?.[spec.name] ?? DEFAULT_COPY_STREAMS[spec.name] ?? 1); i++) {
        const client = await connect(url, `medseed-copy-${spec.name}`);
        clients.push(client);
        const copy = startTableCopy(client, spec);
        copy.done.catch((error: unknown) => {
          failure ??= new SeedError('generate+copy', spec.name, error);
        });
        streams.push(copy);
        all.push(copy);
      }
      copies.set(spec.name, streams);
    }
    const chunks = generateChunks(config, { workers: options.workers, batchSize: options.batchSize, format: 'copy', lean: true });
    let index = 0;
    for await (const chunk of chunks) {
      if (options.signal?.aborted) throw new SeedError('generate+copy', undefined, new Error('interrupted (signal received)'));
      for (const table of TABLE_NAMES) {
        if (failure) throw failure;
        digests.update(table, chunk.data[table], chunk.rows[table]);
        // Rows may reach a table through several streams: order in the heap does not matter,
        // verify reads in id order.
        const streams = copies.get(table)!;
        await streams[index % streams.length]!.write(chunk.data[table]);
      }
      if (failure) throw failure;
      options.onRows?.(chunk.rows, chunk.rows.patients);
      index++;
    }
    for (const [table, streams] of copies) {
      for (const copy of streams) {
        try {
          await copy.end();
        } catch (error) {
          throw failure ?? new SeedError('generate+copy', table, error);
        }
      }
    }
  } catch (error) {
    const reason = failure ?? (error instanceof SeedError ? error : new SeedError('generate+copy', undefined, error));
    for (const copy of all) copy.abort(reason);
    await Promise.allSettled(all.map((copy) => copy.done));
    throw reason;
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

/**
 * Takes a database to a fully seeded state: migrations, parallel streaming COPY of every table,
 * post-load indexes and constraints, ANALYZE. Each run is recorded in medseed.runs; a failure at
 * any point leaves the run marked failed, never looking complete.
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedSummary> {
  const timings: Record<SeedPhase | 'total', number> = { migrate: 0, 'generate+copy': 0, indexes: 0, analyze: 0, total: 0 };
  const started = performance.now();
  let phaseStarted = started;
  let phase: SeedPhase = 'migrate';
  const enter = (next: SeedPhase) => {
    timings[phase] = (performance.now() - phaseStarted) / 1000;
    phase = next;
    phaseStarted = performance.now();
    options.onPhase?.(next);
  };
  options.onPhase?.('migrate');
  const admin = await connect(options.url, 'medseed-seed');
  let runId: number | undefined;
  try {
    await assertCanBulkLoad(admin);
    await applyMigrations(admin, { upTo: 'schema' });
    await prepareTables(admin, options.reset);
    runId = await recordRunStart(admin, options.config);
    const digests = createTableDigests();
    enter('generate+copy');
    await loadTables(options, digests);
    enter('indexes');
    await applyPostLoad(admin, options.url, options.indexConcurrency, (statement, seconds) =>
      options.log?.(`  ${seconds.toFixed(2)} s  ${statement.split('\n')[0]!.slice(0, 100)}`),
    );
    enter('analyze');
    for (const table of TABLE_NAMES) {
      await admin.query(options.vacuum ? `VACUUM (FREEZE, ANALYZE) public.${table}` : `ANALYZE public.${table}`);
    }
    timings.analyze = (performance.now() - phaseStarted) / 1000;
    timings.total = (performance.now() - started) / 1000;
    const manifest = createManifest(options.config, 'copy', digests.finish());
    await recordRunEnd(admin, runId, { status: 'succeeded', manifest, timings });
    const bytes = Object.values(manifest.tables).reduce((sum, t) => sum + t.bytes, 0);
    return {
      runId,
      manifest,
      timings,
      rowsPerSecond: manifest.totalRows / timings.total,
      megabytesPerSecond: bytes / 1e6 / timings.total,
      peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
    };
  } catch (error) {
    const table = error instanceof PostLoadError ? (error.object.table as TableName) : undefined;
    const failure = error instanceof SeedError || !(error instanceof Error) || phase === 'migrate' ? error : new SeedError(phase, table, error);
    if (runId !== undefined) await markFailed(options.url, admin, runId, failure, timings);
    throw failure;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Records the failure, on a fresh connection if the server dropped ours. */
async function markFailed(url: string, admin: pg.Client, runId: number, error: unknown, timings: object): Promise<void> {
  const outcome = {
    status: 'failed' as const,
    timings,
    error: error instanceof Error ? error.message : String(error),
    ...(error instanceof SeedError ? { phase: error.phase, failedTable: error.table } : {}),
  };
  try {
    await recordRunEnd(admin, runId, outcome);
    return;
  } catch {
    // the admin connection may be the one that died
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const client = await connect(url, 'medseed-seed');
      try {
        await recordRunEnd(client, runId, outcome);
      } finally {
        await client.end();
      }
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
