import type { OutputFormat } from '../encoders/index.js';
import { generatePatient } from '../generators/patient/generate-patient.js';
import type { World } from '../generators/world.js';
import type { BinaryChunk } from './binary-chunk.js';
import { createEncodingSink } from './encoding-sink.js';

/** Patients [start, end) with all their rows, encoded. */
export function generatePatientChunk(world: World, start: number, end: number, format: OutputFormat, validate = false): BinaryChunk {
  const sink = createEncodingSink(format, validate);
  for (let index = start; index < end; index++) generatePatient(world, index, sink);
  return sink.take();
}

/** The organizations and providers tables (the directory every patient refers to). */
export function generateDirectoryChunk(world: World, format: OutputFormat, validate = false): BinaryChunk {
  const sink = createEncodingSink(format, validate);
  for (const org of world.organizations) sink.push('organizations', org.row);
  for (const provider of world.providers) sink.push('providers', provider.row);
  return sink.take();
}
