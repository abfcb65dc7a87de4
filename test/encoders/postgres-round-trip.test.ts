import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRowEncoder } from '../../src/encoders/index.js';
import { createTestDatabase } from '../support/test-database.js';
import { TRICKY_COLUMNS, TRICKY_KINDS, TRICKY_ROWS } from './tricky-rows.js';

// The encoders promise that what they write is what PostgreSQL prints back with COPY TO: that is
// what lets `medseed verify` compare checksums. Proven here against the real server, both formats.
describe('encoders against PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('encoders');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO'");
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  async function roundTrip(format: 'copy' | 'csv'): Promise<string> {
    await client.query('DROP TABLE IF EXISTS t; CREATE TABLE t (seq int, id uuid, t text, i bigint, n numeric, b bool, d date, ts timestamptz, j jsonb, a text[])');
    const encode = createRowEncoder(['int', ...TRICKY_KINDS], format);
    const lines = TRICKY_ROWS.map((tricky, seq) => encode([seq, ...tricky.row]));
    const options = format === 'csv' ? ' WITH (FORMAT csv)' : '';
    await pipeline(Readable.from(lines), client.query(copyFrom(`COPY t (seq, ${TRICKY_COLUMNS.join(', ')}) FROM STDIN${options}`)));
    let out = '';
    const stream = client.query(copyTo(`COPY (SELECT ${TRICKY_COLUMNS.join(', ')} FROM t ORDER BY seq) TO STDOUT`));
    for await (const chunk of stream as AsyncIterable<Buffer>) out += chunk.toString('utf8');
    return out;
  }

  const expected = TRICKY_ROWS.map((tricky) => `${tricky.copyFields.join('\t')}\n`).join('');

  it('COPY text format: PostgreSQL prints back exactly the bytes written', async () => {
    const out = await roundTrip('copy');
    expect(out).toBe(expected);
    expect(createHash('sha256').update(out).digest('hex')).toBe(createHash('sha256').update(expected).digest('hex'));
  });

  it('CSV: loads to the same stored values', async () => {
    expect(await roundTrip('csv')).toBe(expected);
  });
});
