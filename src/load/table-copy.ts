import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TableSpec } from '../tables/table-specs.js';
import { RowsAppearedError } from './rows-appeared-error.js';

/** One COPY ... FROM STDIN stream into a table, fed chunk by chunk with backpressure. */
export interface TableCopy {
  write(data: Uint8Array): Promise<void>;
  /**
   * Ends the COPY once every row of the table is written, but not its transaction: the COMMIT
   * still waits for end(), with the other tables'. Until then the backend is idle in transaction
   * rather than blocked reading COPY data, which it reads without answering other backends'
   * barriers: DROP DATABASE anywhere on the server would otherwise wait for the whole load.
   */
  finish(): void;
  end(): Promise<void>;
  abort(error: Error): void;
  /**
   * Bytes written and not yet taken by the kernel, in every buffer on the way: this stream,
   * pg-copy-streams and pg's socket. Zero means no buffer written so far will be read again.
   */
  readonly queuedBytes: number;
  /** Settles when PostgreSQL has acknowledged (or rejected) the whole COPY and its transaction. */
  readonly done: Promise<void>;
}

/**
 * Opens the transaction a frozen COPY needs. COPY FREEZE writes rows already frozen and with their
 * hint bits set, so the first readers (and the next VACUUM) do not rewrite every page of a freshly
 * loaded table; with wal_level = minimal, a table truncated in the same transaction is not
 * WAL-logged either, only synced at commit. Both need the TRUNCATE inside the COPY's own
 * transaction. The table was checked empty by prepare (or reset on request); it is checked again
 * under the lock, so rows that arrived since are refused rather than truncated away.
 */
async function beginFrozenLoad(client: pg.Client, spec: TableSpec): Promise<string[]> {
  await client.query('BEGIN');
  // A table finished early waits idle in this transaction until the whole load commits.
  await client.query('SET LOCAL idle_in_transaction_session_timeout = 0');
  await client.query(`LOCK TABLE public.${spec.name} IN ACCESS EXCLUSIVE MODE`);
  const found = await client.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM public.${spec.name}) AS present`);
  if (found.rows[0]?.present) throw new RowsAppearedError(spec.name);
  await client.query(`TRUNCATE public.${spec.name}`);
  return setAsideLoadTriggers(client, spec.name);
}

/**
 * medseed's own insert triggers that the loaded rows make moot (documents arrive with their search
 * vector, so its trigger would never fire). Their mere presence makes COPY insert row by row, which
 * is slower and leaves the visibility map unset despite FREEZE. They are dropped inside the load's
 * transaction and created again, from their own definition, before it commits: no other session
 * ever sees the table without them, and a failed load rolls the drop back.
 */
const MOOT_DURING_LOAD = ['documents_search_vector_insert'];

async function setAsideLoadTriggers(client: pg.Client, table: string): Promise<string[]> {
  const triggers = await client.query<{ name: string; definition: string }>(
    `SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger
      WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgname = ANY($2::text[])`,
    [`public.${table}`, MOOT_DURING_LOAD],
  );
  for (const trigger of triggers.rows) await client.query(`DROP TRIGGER ${trigger.name} ON public.${table}`);
  return triggers.rows.map((trigger) => trigger.definition);
}

/**
 * Loads one table in a single frozen COPY, in its own transaction: all of the table's rows, or
 * none of them. Start it before writing; `done` rejects if the transaction could not begin.
 */
export function startTableCopy(client: pg.Client, spec: TableSpec): TableCopy {
  const source = new PassThrough({ highWaterMark: 256 * 1024 });
  const sql = `COPY public.${spec.name} (${spec.columns.join(', ')}) FROM STDIN WITH (FREEZE)`;
  let copy: Writable | undefined;
  // The COMMIT waits for end(); abort() refuses it, also after an early finish().
  let allowCommit = () => {};
  let refuseCommit: (error: Error) => void = () => {};
  const commitDecided = new Promise<void>((resolve, reject) => {
    allowCommit = resolve;
    refuseCommit = reject;
  });
  commitDecided.catch(() => undefined);
  const done = (async () => {
    try {
      const triggers = await beginFrozenLoad(client, spec);
      copy = client.query(copyFrom(sql));
      // pipeline() wires backpressure, and on a source error pg-copy-streams sends CopyFail, so the
      // server rolls the COPY back instead of committing half a table.
      await pipeline(source, copy);
      for (const definition of triggers) await client.query(definition);
      await commitDecided;
      await client.query('COMMIT');
    } catch (error) {
      source.destroy();
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  })();
  done.catch(() => undefined);
  return {
    async write(data) {
      if (data.byteLength === 0) return;
      if (!source.write(data)) await Promise.race([once(source, 'drain'), done]);
    },
    finish() {
      source.end();
    },
    async end() {
      source.end();
      allowCommit();
      await done;
    },
    abort(error) {
      refuseCommit(error);
      source.destroy(error);
    },
    get queuedBytes() {
      // pg's socket, where pg-copy-streams writes each chunk whole; not part of pg's typings
      const socket = (client as unknown as { connection?: { stream?: { writableLength?: number } } }).connection?.stream;
      // pg-copy-streams counts what the socket has not accepted yet as its own writableLength,
      // until the socket drains; a socket counts a write until the kernel has taken all of it.
      return source.writableLength + source.readableLength + (copy?.writableLength ?? 0) + (socket?.writableLength ?? 0);
    },
    done,
  };
}
