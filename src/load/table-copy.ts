import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TableSpec } from '../tables/table-specs.js';

/** One COPY ... FROM STDIN stream into a table, fed chunk by chunk with backpressure. */
export interface TableCopy {
  write(data: Uint8Array): Promise<void>;
  end(): Promise<void>;
  abort(error: Error): void;
  /** Settles when PostgreSQL has acknowledged (or rejected) the whole COPY. */
  readonly done: Promise<void>;
}

export function startTableCopy(client: pg.Client, spec: TableSpec): TableCopy {
  const source = new PassThrough({ highWaterMark: 256 * 1024 });
  const sql = `COPY public.${spec.name} (${spec.columns.join(', ')}) FROM STDIN`;
  // pipeline() wires backpressure, and on a source error pg-copy-streams sends CopyFail, so the
  // server rolls the COPY back instead of committing half a table.
  const done = pipeline(source, client.query(copyFrom(sql)));
  done.catch(() => undefined);
  return {
    async write(data) {
      if (data.byteLength === 0) return;
      if (!source.write(data)) await Promise.race([once(source, 'drain'), done]);
    },
    async end() {
      source.end();
      await done;
    },
    abort(error) {
      source.destroy(error);
    },
    done,
  };
}
