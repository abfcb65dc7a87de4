import type { RunConfig } from '../config/resolve-run-config.js';
import type { RowFormat } from '../encoders/index.js';
import { GENERATOR_VERSION } from '../version.js';
import type { TableName } from '../tables/table-specs.js';
import type { TableDigest } from './table-digests.js';

/** Marks a manifest as written by medseed, so a folder holding one is recognised as medseed's output. */
export const MANIFEST_GENERATOR = 'medseed';

/**
 * What a run produced, independent of how (workers, batch size, machine): identical manifests
 * mean identical data. For the COPY format each sha256 equals what `medseed verify` computes from
 * a loaded database.
 */
export interface Manifest {
  generator: typeof MANIFEST_GENERATOR;
  generatorVersion: string;
  seed: string;
  profile: string;
  referenceDate: string;
  historyMonths: number;
  volumes: RunConfig['profile']['volumes'];
  params: RunConfig['profile']['params'];
  shard: string;
  format: RowFormat;
  tables: Record<TableName, TableDigest & { file?: string }>;
  totalRows: number;
}

export function createManifest(
  config: RunConfig,
  format: RowFormat,
  digests: Record<TableName, TableDigest>,
  files?: Record<TableName, string>,
): Manifest {
  const { profile } = config;
  const tables = Object.fromEntries(
    Object.entries(digests).map(([name, digest]) => [name, files ? { file: files[name as TableName], ...digest } : digest]),
  ) as Manifest['tables'];
  return {
    generator: MANIFEST_GENERATOR,
    generatorVersion: GENERATOR_VERSION,
    seed: config.seed,
    profile: profile.name,
    referenceDate: profile.referenceDate,
    historyMonths: profile.historyMonths,
    volumes: profile.volumes,
    params: profile.params,
    shard: `${config.shard.index}/${config.shard.count}`,
    format,
    tables,
    totalRows: Object.values(digests).reduce((sum, digest) => sum + digest.rows, 0),
  };
}

/**
 * True for a manifest medseed wrote: one naming medseed as its generator, or one from before that
 * field existed that has a manifest's shape (generator version, seed, profile, per-table digests).
 */
export function isMedseedManifest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (record.generator !== undefined) return record.generator === MANIFEST_GENERATOR;
  return (
    typeof record.generatorVersion === 'string' &&
    typeof record.seed === 'string' &&
    typeof record.profile === 'string' &&
    typeof record.totalRows === 'number' &&
    typeof record.tables === 'object' &&
    record.tables !== null
  );
}
