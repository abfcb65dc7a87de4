import type { OutputFormat } from '../encoders/index.js';
import type { RowSink, RowsByTable } from '../generators/row-types.js';
import { createTableWriter } from '../tables/create-table-writer.js';
import { TABLE_SPECS, type TableName } from '../tables/table-specs.js';
import type { BinaryChunk } from './binary-chunk.js';
import { ByteBuilder } from './byte-builder.js';
import { createArenaCarver } from './chunk-arena.js';
import { createFhirSink } from './fhir-sink.js';

// Each chunk gets a new sink; remembering how large each table's bytes grew lets the next chunk's
// buffers start at that size instead of doubling up from 64 kB (each doubling copies everything so far).
const chunkSizes = new Map<TableName, number>();
const carveArena = createArenaCarver();

/**
 * A RowSink that encodes each row into its table's byte buffer as it arrives, so no row objects
 * pile up. The FHIR format has a sink of its own, fed the same rows. `validate` checks preformatted values (tests); the generator's own output is trusted.
 */
export function createEncodingSink(format: OutputFormat, validate = false): RowSink & { take(): BinaryChunk } {
  if (format === 'fhir') return createFhirSink();
  const names = TABLE_SPECS.map((spec) => spec.name);
  const writers = Object.fromEntries(TABLE_SPECS.map((spec) => [spec.name, createTableWriter(spec, format, validate)])) as Record<
    TableName,
    (row: object, out: ByteBuilder) => void
  >;
  const regions = carveArena(names.map((name) => chunkSizes.get(name) ?? 0));
  const buffers = Object.fromEntries(names.map((name, i) => [name, new ByteBuilder(chunkSizes.get(name), regions[i])])) as Record<TableName, ByteBuilder>;
  const zero = () => Object.fromEntries(names.map((name) => [name, 0])) as Record<TableName, number>;
  let rows = zero();
  return {
    push<T extends keyof RowsByTable>(table: T, row: RowsByTable[T]) {
      writers[table](row, buffers[table]);
      rows[table]++;
    },
    take() {
      const data = Object.fromEntries(names.map((name) => [name, buffers[name].take()])) as Record<TableName, Uint8Array>;
      for (const name of names) chunkSizes.set(name, buffers[name].nextSize);
      const chunk = { data, rows };
      rows = zero();
      return chunk;
    },
  };
}
