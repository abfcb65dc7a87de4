import type { RunConfig } from '../config/resolve-run-config.js';
import type { FhirResourceType } from '../encoders/fhir/index.js';
import type { TableName } from '../tables/table-specs.js';
import { createManifest, type Manifest } from './manifest.js';
import type { PartDigest } from './ndjson-part-writer.js';
import type { TableDigest } from './table-digests.js';

/**
 * A resource type's whole NDJSON (`rows` resources, `bytes`, and the sha256 of all its parts in
 * order, which does not depend on the part size) and its numbered parts, each with its own sha256.
 */
export interface ResourceDigest extends TableDigest {
  parts: PartDigest[];
}

/**
 * medseed's manifest of a FHIR export: the run's identity as for the other formats, the database
 * rows each table would have (the resources come from exactly those rows), the resources per part
 * file, and per resource type its resource count (`rows`), bytes, sha256 and parts.
 */
export interface FhirManifest extends Omit<Manifest, 'format' | 'tables'> {
  format: 'fhir';
  tables: Record<TableName, { rows: number }>;
  resourcesPerPart: number;
  resources: Record<FhirResourceType, ResourceDigest>;
  totalResources: number;
}

export function createFhirManifest(
  config: RunConfig,
  tableRows: Record<TableName, number>,
  resourcesPerPart: number,
  resources: Record<FhirResourceType, ResourceDigest>,
): FhirManifest {
  const base = createManifest(config, 'copy', {} as Record<TableName, TableDigest>);
  return {
    ...base,
    format: 'fhir',
    tables: Object.fromEntries(Object.entries(tableRows).map(([name, rows]) => [name, { rows }])) as FhirManifest['tables'],
    totalRows: Object.values(tableRows).reduce((sum, rows) => sum + rows, 0),
    resourcesPerPart,
    resources,
    totalResources: Object.values(resources).reduce((sum, digest) => sum + digest.rows, 0),
  };
}
