import type { OutputFormat } from '../encoders/index.js';
import type { RowSink } from '../generators/row-types.js';
import { generatePatient } from '../generators/patient/generate-patient.js';
import type { World } from '../generators/world.js';
import type { BinaryChunk } from './binary-chunk.js';
import { createEncodingSink } from './encoding-sink.js';
import type { BoundTable } from '../own-schema/bind/bound-table.js';
import { createMappedSink } from '../own-schema/encode/mapped-sink.js';
import { TABLE_NAMES } from '../tables/table-specs.js';

/** Where a chunk's rows go: medseed's tables in `format`, or the user's tables of a mapping. */
function sinkFor(format: OutputFormat, validate: boolean, mapped: readonly BoundTable[] | undefined): RowSink & { take(): BinaryChunk } {
  if (!mapped) return createEncodingSink(format, validate);
  const sink = createMappedSink(mapped);
  // fresh empty buffers each time: a chunk's buffers are transferred (detached) between threads
  const empty = () => Object.fromEntries(TABLE_NAMES.map((name) => [name, new Uint8Array(0)])) as BinaryChunk['data'];
  const none = Object.fromEntries(TABLE_NAMES.map((name) => [name, 0])) as BinaryChunk['rows'];
  return { push: (table, row) => sink.push(table, row), take: () => ({ data: empty(), rows: none, mapped: sink.take() }) };
}

/** Patients [start, end) with all their rows, encoded. */
export function generatePatientChunk(world: World, start: number, end: number, format: OutputFormat, validate = false, mapped?: readonly BoundTable[]): BinaryChunk {
  const sink = sinkFor(format, validate, mapped);
  for (let index = start; index < end; index++) generatePatient(world, index, sink);
  return sink.take();
}

/** The organizations and providers tables (the directory every patient refers to). */
export function generateDirectoryChunk(world: World, format: OutputFormat, validate = false, mapped?: readonly BoundTable[]): BinaryChunk {
  const sink = sinkFor(format, validate, mapped);
  for (const org of world.organizations) sink.push('organizations', org.row);
  for (const provider of world.providers) sink.push('providers', provider.row);
  return sink.take();
}
