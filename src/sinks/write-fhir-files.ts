import { mkdir, readdir, rm, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunConfig } from '../config/resolve-run-config.js';
import { FHIR_RESOURCE_TYPES, fhirPartFileName, isFhirFileName, type FhirResourceType } from '../encoders/fhir/index.js';
import type { BinaryChunk } from '../runner/binary-chunk.js';
import { returnChunk } from '../runner/generate-chunks.js';
import { untilSent } from '../runner/until-sent.js';
import { TABLE_NAMES, type TableName } from '../tables/table-specs.js';
import { BULK_MANIFEST_FILE, createBulkManifest } from './bulk-manifest.js';
import { createFhirManifest, type FhirManifest, type ResourceDigest } from './fhir-manifest.js';
import { MANIFEST_FILE, MANIFEST_IN_PROGRESS_FILE } from './generate-output.js';
import { createNdjsonPartWriter } from './ndjson-part-writer.js';
import { describeInProgress } from './write-files.js';

/**
 * Resources per NDJSON part unless `--fhir-part-resources` says otherwise. At medseed's sizes
 * (0.5 to 1 kB a resource, 5 kB for a DocumentReference with its note) parts stay between about
 * 50 and 500 MB, which bulk loaders and object stores take in one request; `ci` and smaller
 * exports are mostly one part per type.
 */
export const DEFAULT_FHIR_PART_RESOURCES = 100_000;

/**
 * Patients per chunk for FHIR unless --batch-size says otherwise. A FHIR chunk is about 3x the COPY
 * bytes of the same patients (~400 kB a patient at ci), and a few chunks are in flight at once:
 * measured on ci with 2,500 patients and one worker, batch 200 peaked at 473 MB RSS, batch 50 at
 * 240 MB, and was not slower.
 */
export const FHIR_BATCH_SIZE = 50;

/**
 * Writes a FHIR R4 Bulk Data export: each resource type's NDJSON as numbered parts of
 * `resourcesPerPart` resources (types without resources get none), the Bulk Data manifest listing
 * every part, and medseed's manifest.json (last, so a folder with one is complete). Same protocol
 * as writeFiles: temporary names renamed at the end, an in-progress manifest meanwhile.
 */
export async function writeFhirFiles(
  config: RunConfig,
  chunks: AsyncIterable<BinaryChunk>,
  outDir: string,
  resourcesPerPart = DEFAULT_FHIR_PART_RESOURCES,
): Promise<FhirManifest> {
  await mkdir(outDir, { recursive: true });
  const inProgress = path.join(outDir, MANIFEST_IN_PROGRESS_FILE);
  await writeFile(inProgress, `${JSON.stringify(describeInProgress(), null, 2)}\n`);
  await rm(path.join(outDir, MANIFEST_FILE), { force: true });
  await rm(path.join(outDir, BULK_MANIFEST_FILE), { force: true });
  // A previous export may have had more parts (or unnumbered files); left in place they would look
  // like part of this one.
  for (const name of await readdir(outDir)) {
    if (isFhirFileName(name.replace(/\.partial$/, ''))) await rm(path.join(outDir, name), { force: true });
  }
  const writers = new Map(
    FHIR_RESOURCE_TYPES.map((type) => [type, createNdjsonPartWriter(outDir, resourcesPerPart, (index) => fhirPartFileName(type, index))]),
  );
  const tableRows = Object.fromEntries(TABLE_NAMES.map((name) => [name, 0])) as Record<TableName, number>;
  const resources = {} as Record<FhirResourceType, ResourceDigest>;
  try {
    for await (const chunk of chunks) {
      if (!chunk.fhir) throw new Error('writeFhirFiles needs chunks generated with format fhir');
      for (const name of TABLE_NAMES) tableRows[name] += chunk.rows[name];
      for (const type of FHIR_RESOURCE_TYPES) await writers.get(type)!.append(chunk.fhir.data[type], chunk.fhir.counts[type]);
      // As in writeFiles: the chunk's memory goes back to its worker once the files have its bytes.
      if (await untilSent([...writers.values()])) returnChunk(chunk);
    }
    for (const [type, writer] of writers) {
      const { parts, sha256 } = await writer.finish();
      const sum = (key: 'rows' | 'bytes') => parts.reduce((total, part) => total + part[key], 0);
      resources[type] = { rows: sum('rows'), bytes: sum('bytes'), sha256, parts };
    }
    for (const writer of writers.values()) await writer.commit();
  } catch (error) {
    for (const writer of writers.values()) await writer.discard();
    throw error;
  }
  const manifest = createFhirManifest(config, tableRows, resourcesPerPart, resources);
  // No server ran an $export; some clients still require a kick-off URL, so give a stable one.
  const request = `http://localhost/fhir/$export?_type=${FHIR_RESOURCE_TYPES.join(',')}`;
  const bulk = createBulkManifest(
    manifest.referenceDate,
    request,
    FHIR_RESOURCE_TYPES.flatMap((type) => resources[type].parts.map((part) => ({ type, file: part.file, count: part.rows, sha256: part.sha256 }))),
  );
  await writeFile(path.join(outDir, BULK_MANIFEST_FILE), `${JSON.stringify(bulk, null, 2)}\n`);
  await writeFile(inProgress, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(inProgress, path.join(outDir, MANIFEST_FILE));
  return manifest;
}
