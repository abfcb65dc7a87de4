import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import type { MappedChunk } from '../encode/mapped-sink.js';

export interface CopyTarget {
  readonly table: string;
  readonly columns: readonly string[];
}

/**
 * One chunk into the user's tables, in one transaction, parents before children: every foreign
 * key of a row points at a row committed by an earlier chunk (the directory: organizations and
 * providers) or written earlier in this one (the same patients). All of the chunk or none of it.
 */
export async function copyChunk(client: pg.Client, schema: string, order: readonly CopyTarget[], chunk: MappedChunk): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const target of order) {
      const data = chunk.data[target.table];
      if (!data || data.byteLength === 0) continue;
      const sql = `COPY ${qualify(schema, target.table)} (${target.columns.map(quoteIdent).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), client.query(copyFrom(sql)));
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
