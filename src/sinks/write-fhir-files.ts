import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { RunConfig } from '../config/resolve-run-config.js';
import { FHIR_RESOURCE_TYPES, fhirFileName, type FhirResourceType } from '../encoders/fhir/index.js';
import type { BinaryChunk } from '../runner/binary-chunk.js';
import { TABLE_NAMES, type TableName } from '../tables/table-specs.js';
import { BULK_MANIFEST_FILE, createBulkManifest } from './bulk-manifest.js';
import { createFhirManifest, type FhirManifest, type ResourceDigest } from './fhir-manifest.js';
import { MANIFEST_FILE, MANIFEST_IN_PROGRESS_FILE } from './generate-output.js';
import { describeInProgress } from './write-files.js';

async function write(stream: WriteStream, data: Uint8Array): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}

/**
 * Writes a FHIR R4 Bulk Data export: one NDJSON file per resource type, the Bulk Data manifest,
 * and medseed's manifest.json (last, so a folder with one is complete). Same protocol as
 * writeFiles: temporary names renamed at the end, an in-progress manifest meanwhile.
 */
export async function writeFhirFiles(config: RunConfig, chunks: AsyncIterable<BinaryChunk>, outDir: string): Promise<FhirManifest> {
  await mkdir(outDir, { recursive: true });
  const inProgress = path.join(outDir, MANIFEST_IN_PROGRESS_FILE);
  await writeFile(inProgress, `${JSON.stringify(describeInProgress(), null, 2)}\n`);
  await rm(path.join(outDir, MANIFEST_FILE), { force: true });
  await rm(path.join(outDir, BULK_MANIFEST_FILE), { force: true });
  const streams = new Map<FhirResourceType, WriteStream>();
  const hashes = new Map(FHIR_RESOURCE_TYPES.map((type) => [type, createHash('sha256')]));
  const counts = Object.fromEntries(FHIR_RESOURCE_TYPES.map((type) => [type, 0])) as Record<FhirResourceType, number>;
  const bytes = { ...counts };
  const tableRows = Object.fromEntries(TABLE_NAMES.map((name) => [name, 0])) as Record<TableName, number>;
  try {
    for (const type of FHIR_RESOURCE_TYPES) streams.set(type, createWriteStream(path.join(outDir, `${fhirFileName(type)}.partial`)));
    for await (const chunk of chunks) {
      if (!chunk.fhir) throw new Error('writeFhirFiles needs chunks generated with format fhir');
      for (const name of TABLE_NAMES) tableRows[name] += chunk.rows[name];
      for (const type of FHIR_RESOURCE_TYPES) {
        const data = chunk.fhir.data[type];
        counts[type] += chunk.fhir.counts[type];
        bytes[type] += data.byteLength;
        hashes.get(type)!.update(data);
        if (data.byteLength > 0) await write(streams.get(type)!, data);
      }
    }
    for (const [type, stream] of streams) {
      stream.end();
      await once(stream, 'finish');
      await rename(path.join(outDir, `${fhirFileName(type)}.partial`), path.join(outDir, fhirFileName(type)));
    }
  } catch (error) {
    for (const [type, stream] of streams) {
      stream.destroy();
      await rm(path.join(outDir, `${fhirFileName(type)}.partial`), { force: true });
    }
    throw error;
  }
  const resources = Object.fromEntries(
    FHIR_RESOURCE_TYPES.map((type) => [
      type,
      { file: fhirFileName(type), rows: counts[type], bytes: bytes[type], sha256: hashes.get(type)!.digest('hex') } satisfies ResourceDigest,
    ]),
  ) as Record<FhirResourceType, ResourceDigest>;
  const manifest = createFhirManifest(config, tableRows, resources);
  // No server ran an $export; some clients still require a kick-off URL, so give a stable one.
  const request = `http://localhost/fhir/$export?_type=${FHIR_RESOURCE_TYPES.join(',')}`;
  const bulk = createBulkManifest(
    manifest.referenceDate,
    request,
    FHIR_RESOURCE_TYPES.map((type) => ({ type, file: resources[type].file, count: resources[type].rows })),
  );
  await writeFile(path.join(outDir, BULK_MANIFEST_FILE), `${JSON.stringify(bulk, null, 2)}\n`);
  await writeFile(inProgress, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(inProgress, path.join(outDir, MANIFEST_FILE));
  return manifest;
}
