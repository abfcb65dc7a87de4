import type { RunConfig } from '../../config/resolve-run-config.js';
import { cancelOwnBackends, connect } from '../../db/connect.js';
import { withLockTimeout } from '../../db/lock-timeout.js';
import { acquireLoaderLock } from '../../load/run-lock.js';
import { UsageError } from '../../cli/errors.js';
import type { BoundTable } from '../bind/bound-table.js';
import type { TargetCatalog } from '../catalog/target-catalog.js';
import { qualify } from '../catalog/quote-ident.js';
import {
  ensureMappedRunsTable,
  markRestored,
  recordMappedRunEnd,
  recordMappedRunStart,
  recordSetAside,
  settleDeadMappedRuns,
  unrestoredRuns,
  type SetAside,
} from './mapped-runs.js';
import { putBack, setAside } from './set-aside.js';
import { loadInChunks } from './load-in-chunks.js';
import { canStreamFrozen, streamFrozen } from './stream-frozen.js';
import { setSequences } from './set-sequences.js';

export interface SeedMappedOptions {
  readonly url: string;
  readonly config: RunConfig;
  readonly mappingPath: string;
  readonly catalog: TargetCatalog;
  readonly tables: readonly BoundTable[];
  /** Table names in load order (parents first). */
  readonly order: readonly string[];
  readonly workers: number;
  readonly batchSize: number;
  /** Concurrent chunk transactions. */
  readonly connections: number;
  readonly reset: boolean;
  readonly deferred: Pick<SetAside, 'indexes' | 'foreignKeys'>;
  readonly disableTriggers: boolean;
  readonly signal?: AbortSignal;
  /** How long a statement waits for a lock (the application's own sessions may hold them). */
  readonly lockTimeoutSeconds: number;
  readonly log: (line: string) => void;
  readonly onRows?: (rows: number) => void;
}

export interface SeedMappedSummary {
  readonly runId: number;
  readonly rows: Record<string, number>;
  readonly timings: Record<'load' | 'restore' | 'analyze' | 'total', number>;
}

/** A failed run into the user's schema, with whether it was recorded and whether what it set aside was put back. */
export class SeedMappedError extends Error {
  override readonly name = 'SeedMappedError';
  constructor(
    message: string,
    readonly runId: number | undefined,
    readonly restored: boolean,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Seeds the user's own tables through a mapping: checks they are empty (or truncates exactly
 * them with --reset), repairs what an earlier failed run left set aside, records the run, sets
 * aside the deferred indexes and (if asked) triggers, streams the chunks in FK order with a few
 * transactions at once, puts everything back (also on failure), sets sequences past the keys it
 * wrote and ANALYZEs. Every table it touches is one the mapping names.
 */
export async function seedMapped(options: SeedMappedOptions): Promise<SeedMappedSummary> {
  const started = performance.now();
  const schema = options.catalog.schema;
  const url = withLockTimeout(options.url, options.lockTimeoutSeconds);
  const admin = await connect(url, 'medseed-seed-mapped');
  // Interrupted: cancel what our other backends run (a COPY may wait on a lock), so the failure
  // surfaces now, while this process can still put things back and record it.
  const onAbort = () => cancelOwnBackends(admin);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let runId: number | undefined;
  let restored = true;
  const rows: Record<string, number> = Object.fromEntries(options.tables.map((t) => [t.table.name, 0]));
  try {
    // one loader per database, whichever schema it loads (the same lock as medseed's own seed)
    await acquireLoaderLock(admin);
    await ensureMappedRunsTable(admin);
    const abandoned = await settleDeadMappedRuns(admin);
    for (const id of abandoned) options.log(`Run #${id} into this schema was abandoned (its loader ended without recording an outcome); now marked 'abandoned'.`);
    for (const run of await unrestoredRuns(admin)) {
      for (const line of await putBack(admin, schema, run.setAside)) options.log(`Repaired run #${run.id}: ${line}`);
      await markRestored(admin, run.id);
    }
    runId = await recordMappedRunStart(admin, options.config, options.mappingPath, schema);
    if (options.reset) {
      // exactly the mapped tables, in one statement (PostgreSQL refuses if an unmapped table references them: never CASCADE)
      await admin.query(`TRUNCATE ${options.tables.map((t) => qualify(schema, t.table.name)).join(', ')}`);
    }
    const objects: SetAside = { ...options.deferred, triggersDisabledOn: options.disableTriggers ? options.tables.map((t) => t.table.name) : [] };
    await recordSetAside(admin, runId, objects); // recorded first: a run that dies now is repaired by the next
    restored = objects.indexes.length + objects.foreignKeys.length + objects.triggersDisabledOn.length === 0;
    await setAside(admin, schema, objects);
    let loadError: unknown;
    const loadStarted = performance.now();
    try {
      // with no foreign key pointing at a mapped table, each table can be one frozen COPY (as seed loads
      // medseed's own); otherwise chunk transactions keep every key satisfied as rows arrive
      if (await canStreamFrozen(admin, schema, options.tables)) {
        options.log('Loading each table in one frozen COPY: no foreign key points at a mapped table during the load.');
        await streamFrozen({ ...options, url }, rows);
      } else {
        await loadInChunks({ ...options, url }, rows);
      }
    } catch (error) {
      loadError = error;
    }
    const loaded = performance.now();
    // put back whatever happened; a failure to put back is said, and the next run repairs it
    try {
      for (const line of await putBack(admin, schema, objects, { url, concurrency: 2 })) options.log(line);
      restored = true;
    } catch (error) {
      loadError ??= error;
    }
    const restoredAt = performance.now();
    if (loadError) throw loadError;
    await setSequences(admin, options.tables);
    for (const bound of options.tables) await admin.query(`ANALYZE ${qualify(schema, bound.table.name)}`);
    const done = performance.now();
    const timings = { load: (loaded - loadStarted) / 1000, restore: (restoredAt - loaded) / 1000, analyze: (done - restoredAt) / 1000, total: (done - started) / 1000 };
    await recordMappedRunEnd(admin, runId, { status: 'succeeded', restored: true, tables: rows, timings });
    return { runId, rows, timings };
  } catch (error) {
    // a refusal before the run was recorded (another loader is live) changed nothing
    if (error instanceof UsageError && runId === undefined) throw error;
    const message = options.signal?.aborted ? `interrupted by ${String(options.signal.reason ?? 'a signal')}` : error instanceof Error ? error.message : String(error);
    if (runId !== undefined) {
      await recordMappedRunEnd(admin, runId, { status: 'failed', restored, tables: rows, error: message }).catch(() => undefined);
    }
    throw new SeedMappedError(message, runId, restored, { cause: error });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await admin.end().catch(() => undefined);
  }
}
