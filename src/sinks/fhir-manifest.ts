import type { RunConfig } from '../config/resolve-run-config.js';
import type { FhirResourceType } from '../encoders/fhir/index.js';
import type { TableName } from '../tables/table-specs.js';
import { createManifest, type Manifest } from './manifest.js';
import type { TableDigest } from './table-digests.js';

export interface ResourceDigest extends TableDigest {
  file: string;
}

/**
 * medseed's manifest of a FHIR export: the run's identity as for the other formats, the database
 * rows each table would have (the resources come from exactly those rows), and per resource type
 * its file, resource count (`rows`), bytes and sha256.
 */
export interface FhirManifest extends Omit<Manifest, 'format' | 'tables'> {
  format: 'fhir';
  tables: Record<TableName, { rows: number }>;
  resources: Record<FhirResourceType, ResourceDigest>;
  totalResources: number;
}

export function createFhirManifest(
  config: RunConfig,
  tableRows: Record<TableName, number>,
  resources: Record<FhirResourceType, ResourceDigest>,
): FhirManifest {
  const base = createManifest(config, 'copy', {} as Record<TableName, TableDigest>);
  return {
    ...base,
    format: 'fhir',
    tables: Object.fromEntries(Object.entries(tableRows).map(([name, rows]) => [name, { rows }])) as FhirManifest['tables'],
    totalRows: Object.values(tableRows).reduce((sum, rows) => sum + rows, 0),
    resources,
    totalResources: Object.values(resources).reduce((sum, digest) => sum + digest.rows, 0),
  };
}
