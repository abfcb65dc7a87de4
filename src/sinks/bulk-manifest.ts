import type { FhirResourceType } from '../encoders/fhir/index.js';

/** The FHIR Bulk Data export manifest, written beside the NDJSON files. */
export const BULK_MANIFEST_FILE = 'bulk-manifest.json';

export interface BulkManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: false;
  output: { type: FhirResourceType; url: string; count: number }[];
  error: never[];
}

/**
 * The Bulk Data manifest of an export. `transactionTime` is the run's reference date (the data's
 * "now"), never the clock, so the manifest is as reproducible as the files; `url` is the file name
 * relative to the manifest, since the files are not served from anywhere yet.
 */
export function createBulkManifest(
  referenceDate: string,
  request: string,
  files: readonly { type: FhirResourceType; file: string; count: number }[],
): BulkManifest {
  return {
    transactionTime: `${referenceDate}T00:00:00Z`,
    request,
    requiresAccessToken: false,
    output: files.map(({ type, file, count }) => ({ type, url: file, count })),
    error: [],
  };
}
