import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RowFormat } from '../encoders/index.js';
import { ROW_FORMATS } from '../encoders/index.js';
import { TABLE_NAMES, type TableName } from '../tables/table-specs.js';
import { isMedseedManifest } from './manifest.js';
import { FHIR_RESOURCE_TYPES, fhirLegacyFileName, isFhirFileName } from '../encoders/fhir/index.js';
import { BULK_MANIFEST_FILE } from './bulk-manifest.js';

export const MANIFEST_FILE = 'manifest.json';
/**
 * Written first and renamed to manifest.json last: while a run is writing, and after one that failed,
 * the folder says it is medseed's but incomplete, so the next run may overwrite it.
 */
export const MANIFEST_IN_PROGRESS_FILE = `${MANIFEST_FILE}.partial`;
export const LOAD_SCRIPT_FILE = 'load.sql';

/** The data file of a table in the given format. */
export function tableFileName(table: TableName, format: RowFormat): string {
  return `${table}.${format === 'csv' ? 'csv' : 'sql'}`;
}

/**
 * Every file name `generate` may write, in any format, so regenerating in another format is no
 * conflict; FHIR's numbered parts are matched by isGenerateFileName.
 */
export const GENERATE_FILE_NAMES: readonly string[] = [
  ...ROW_FORMATS.flatMap((format) => TABLE_NAMES.map((table) => tableFileName(table, format))),
  ...FHIR_RESOURCE_TYPES.map(fhirLegacyFileName),
  BULK_MANIFEST_FILE,
  LOAD_SCRIPT_FILE,
  MANIFEST_FILE,
];

/** True for any name `generate` writes, FHIR parts (`Observation.003.ndjson`) included. */
export function isGenerateFileName(name: string): boolean {
  return GENERATE_FILE_NAMES.includes(name) || isFhirFileName(name);
}

// A manifest is a few kilobytes; anything far larger is not one, and is not read.
const MAX_MANIFEST_BYTES = 1 << 20;

/** True when dir holds a medseed generate output: a medseed manifest, complete or in progress. */
export function holdsGenerateOutput(dir: string): boolean {
  return [MANIFEST_FILE, MANIFEST_IN_PROGRESS_FILE].some((name) => isMedseedManifest(readJson(path.join(dir, name))));
}

function readJson(file: string): unknown {
  try {
    if (statSync(file).size > MAX_MANIFEST_BYTES) return undefined;
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Files an interrupted generate left in `dir` (its in-progress manifest and .partial files); empty when none. */
export function leftByInterruptedGenerate(dir: string): string[] {
  if (!existsSync(path.join(dir, MANIFEST_IN_PROGRESS_FILE))) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.partial')).sort();
}
