import { resolveRunConfig, type RunConfigInput } from '../../src/config/resolve-run-config.js';
import { FHIR_RESOURCE_TYPES, type FhirResourceType } from '../../src/encoders/fhir/index.js';
import { generateChunks, returnChunk, type GenerateOptions } from '../../src/runner/generate-chunks.js';
import { createTableDigests } from '../../src/sinks/table-digests.js';
import { TABLE_NAMES, type TableName } from '../../src/tables/table-specs.js';

const decoder = new TextDecoder();

/** Generates a run and returns each table's full encoded text (small profiles only). */
export async function generateText(
  input: RunConfigInput,
  options: Partial<GenerateOptions> = {},
): Promise<Record<TableName, string>> {
  const config = resolveRunConfig(input);
  const parts = Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as string[]])) as Record<TableName, string[]>;
  for await (const chunk of generateChunks(config, { workers: 0, batchSize: 50, format: 'copy', ...options })) {
    for (const table of TABLE_NAMES) parts[table].push(decoder.decode(chunk.data[table]));
  }
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, parts[t].join('')])) as Record<TableName, string>;
}

/** Generates a run and returns row counts and sha256 per table, without keeping the rows. */
export async function generateDigests(input: RunConfigInput, options: Partial<GenerateOptions> = {}) {
  const config = resolveRunConfig(input);
  const digests = createTableDigests();
  for await (const chunk of generateChunks(config, { workers: 0, batchSize: 50, format: 'copy', ...options })) {
    for (const table of TABLE_NAMES) digests.update(table, chunk.data[table], chunk.rows[table]);
    if (options.returnsChunks) returnChunk(chunk);
  }
  return digests.finish();
}

/** Generates a run as FHIR and returns each resource type's NDJSON text and the table row counts. */
export async function generateFhirText(input: RunConfigInput, options: Partial<GenerateOptions> = {}) {
  const config = resolveRunConfig(input);
  const parts = Object.fromEntries(FHIR_RESOURCE_TYPES.map((t) => [t, [] as string[]])) as Record<FhirResourceType, string[]>;
  const counts = Object.fromEntries(FHIR_RESOURCE_TYPES.map((t) => [t, 0])) as Record<FhirResourceType, number>;
  const rows = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  for await (const chunk of generateChunks(config, { workers: 0, batchSize: 50, ...options, format: 'fhir' })) {
    for (const table of TABLE_NAMES) rows[table] += chunk.rows[table];
    for (const type of FHIR_RESOURCE_TYPES) {
      parts[type].push(decoder.decode(chunk.fhir!.data[type]));
      counts[type] += chunk.fhir!.counts[type];
    }
  }
  const text = Object.fromEntries(FHIR_RESOURCE_TYPES.map((t) => [t, parts[t].join('')])) as Record<FhirResourceType, string>;
  return { text, counts, rows };
}
