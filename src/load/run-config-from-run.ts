import { UsageError } from '../cli/errors.js';
import { resolveRunConfig, type RunConfig } from '../config/resolve-run-config.js';
import { parseShard } from '../config/parse-shard.js';
import { validateProfile } from '../config/validate-profile.js';
import type { Manifest } from '../sinks/manifest.js';
import type { RunSummaryRow } from './run-record.js';

export interface RecordedRunConfig {
  readonly config: RunConfig;
  /**
   * True when rebuilt from the run's manifest, which holds everything that decides the data (dates,
   * volumes, params, shard), so any --config file or volume flag is reproduced exactly. A run that
   * never finished has no manifest: then it is the named profile with the recorded seed and volumes.
   */
  readonly exact: boolean;
  /** The generator version that produced the data, when recorded. */
  readonly generatorVersion: string;
}

/** The run configuration a manifest describes, exactly: the profile as it was, not as its file reads today. */
export function runConfigFromManifest(manifest: Manifest): RunConfig {
  const { profile, problems } = validateProfile({
    name: manifest.profile,
    referenceDate: manifest.referenceDate,
    historyMonths: manifest.historyMonths,
    volumes: manifest.volumes,
    params: manifest.params,
  });
  const shard = parseShard(manifest.shard ?? '1/1');
  if (typeof shard === 'string') problems.push(shard);
  if (!profile || typeof shard === 'string') {
    throw new UsageError(`the recorded run's manifest does not describe a valid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nPass --profile and --seed.`);
  }
  return { profile, seed: manifest.seed, shard };
}

/** Rebuilds the configuration a recorded run loaded, so verify compares with what was really seeded. */
export function runConfigFromRun(run: RunSummaryRow): RecordedRunConfig {
  const manifest = run.manifest as Manifest | null;
  if (manifest && typeof manifest === 'object' && manifest.volumes) {
    return { config: runConfigFromManifest(manifest), exact: true, generatorVersion: manifest.generatorVersion };
  }
  const volumes = (run.volumes ?? {}) as { orgs?: number; providers?: number; patients?: number };
  try {
    const config = resolveRunConfig({ profile: run.profile, seed: run.seed, orgs: volumes.orgs, providers: volumes.providers, patients: volumes.patients });
    return { config, exact: false, generatorVersion: run.generator_version };
  } catch (error) {
    throw new UsageError(
      `run #${run.id} recorded profile "${run.profile}", which cannot be rebuilt here (${(error as Error).message.split('\n')[0]}). Pass --profile and --seed (and --config) explicitly.`,
      { cause: error },
    );
  }
}
