import type { FhirResourceType } from '../encoders/fhir/index.js';

/** The FHIR Bulk Data export manifest, written beside the NDJSON files. */
export const BULK_MANIFEST_FILE = 'bulk-manifest.json';

export interface BulkOutput {
  type: FhirResourceType;
  url: string;
  count: number;
  /** The Bulk Data IG reserves `extension` for server-specific data, so clients that do not know it ignore it. */
  extension: { sha256: string };
}

export interface BulkManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: false;
  output: BulkOutput[];
  error: never[];
}

/**
 * The Bulk Data manifest of an export: one output item per file (a type split into parts has one
 * per part, in order). `transactionTime` is the run's reference date (the data's "now"), never the
 * clock, so the manifest is as reproducible as the files; `url` is the file name relative to the
 * manifest, since the files are not served from anywhere yet.
 */
export function createBulkManifest(
  referenceDate: string,
  request: string,
  files: readonly { type: FhirResourceType; file: string; count: number; sha256: string }[],
): BulkManifest {
  return {
    transactionTime: `${referenceDate}T00:00:00Z`,
    request,
    requiresAccessToken: false,
    output: files.map(({ type, file, count, sha256 }) => ({ type, url: file, count, extension: { sha256 } })),
    error: [],
  };
}
