import type { FhirResourceType } from '../encoders/fhir/index.js';
import type { TableName } from '../tables/table-specs.js';
import type { MappedChunk } from '../own-schema/encode/mapped-sink.js';

/** One unit of generated output, as UTF-8 bytes per table (transferable between threads). */
export interface BinaryChunk {
  /** Encoded rows per table; empty for the FHIR format, whose bytes are in `fhir`. */
  readonly data: Record<TableName, Uint8Array>;
  readonly rows: Record<TableName, number>;
  /** NDJSON bytes and resource counts per resource type, for the FHIR format only. */
  readonly fhir?: {
    readonly data: Record<FhirResourceType, Uint8Array>;
    readonly counts: Record<FhirResourceType, number>;
  };
  /** COPY text per table of the user's own schema, when generating through a mapping (`data` is then empty). */
  readonly mapped?: MappedChunk;
}

/** Every buffer of a chunk, to count bytes. Several may share one ArrayBuffer (a chunk arena). */
export function chunkBuffers(chunk: BinaryChunk): Uint8Array[] {
  return [...Object.values(chunk.data), ...(chunk.fhir ? Object.values(chunk.fhir.data) : []), ...(chunk.mapped ? Object.values(chunk.mapped.data) : [])];
}

/** The ArrayBuffers behind a chunk, each once: a transfer list may not name one twice. */
export function chunkArrayBuffers(chunk: BinaryChunk): ArrayBuffer[] {
  return [...new Set(chunkBuffers(chunk).map((bytes) => bytes.buffer as ArrayBuffer))];
}
