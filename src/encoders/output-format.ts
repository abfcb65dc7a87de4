import { ROW_FORMATS } from './row-encoder.js';

/** What `generate` writes: a row format per table, or FHIR R4 NDJSON per resource type. */
export const OUTPUT_FORMATS = [...ROW_FORMATS, 'fhir'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
