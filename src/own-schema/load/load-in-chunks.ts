import pLimit from 'p-limit';
import type pg from 'pg';
import { connect } from '../../db/connect.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { writtenColumns } from '../bind/bound-table.js';
import type { MappedChunk } from '../encode/mapped-sink.js';
import { copyChunk, type CopyTarget } from './copy-chunk.js';
import type { SeedMappedOptions } from './seed-mapped.js';

/**
 * Loads chunk by chunk, each chunk one transaction copying its tables parents first, a few chunks
 * at once: every foreign key finds its row in an earlier committed chunk (the directory) or earlier
 * in the same transaction, so the user's keys can stay in force.
 */
export async function loadInChunks(options: SeedMappedOptions & { url: string }, rows: Record<string, number>): Promise<void> {
  const byName = new Map(options.tables.map((bound) => [bound.table.name, bound]));
  const order: CopyTarget[] = options.order.map((table) => ({ table, columns: writtenColumns(byName.get(table)!).map((c) => c.column.name) }));
  const clients: pg.Client[] = [];
  for (let i = 0; i < options.connections; i++) clients.push(await connect(options.url, `medseed-copy-${i}`));
  const free = [...clients];
  const limit = pLimit(options.connections);
  let failure: unknown;
  const pending = new Set<Promise<void>>();
  const copy = (chunk: MappedChunk) =>
    limit(async () => {
      const client = free.pop()!;
      try {
        await copyChunk(client, options.catalog.schema, order, chunk);
        for (const [table, count] of Object.entries(chunk.rows)) rows[table] = (rows[table] ?? 0) + count;
        options.onRows?.(Object.values(chunk.rows).reduce((a, b) => a + b, 0));
      } finally {
        free.push(client);
      }
    });
  try {
    let first = true;
    for await (const chunk of generateChunks(options.config, { workers: options.workers, batchSize: options.batchSize, format: 'copy', lean: true, target: { mappingPath: options.mappingPath, catalog: options.catalog } })) {
      if (options.signal?.aborted) throw new Error('interrupted');
      if (failure) throw failure;
      const task = copy(chunk.mapped!);
      // the directory (organizations, providers) is committed before any patient refers to it
      if (first) {
        await task;
        first = false;
        continue;
      }
      const tracked = task.catch((error: unknown) => {
        failure ??= error;
      });
      pending.add(tracked);
      void tracked.finally(() => pending.delete(tracked));
      // backpressure: never more chunks waiting than connections
      while (limit.pendingCount >= options.connections) await Promise.race(pending);
    }
    await Promise.all(pending);
    if (failure) throw failure;
  } catch (error) {
    limit.clearQueue();
    await Promise.allSettled(pending);
    throw failure ?? error;
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
