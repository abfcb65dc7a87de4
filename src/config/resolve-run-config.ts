import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/errors.js';
import { packageRoot } from '../package-root.js';
import { parseShard, WHOLE, type Shard } from './parse-shard.js';
import type { Profile } from './profile.js';
import { validateProfile } from './validate-profile.js';

/** Everything that decides the generated data: profile (with overrides), seed, and the slice to make. */
export interface RunConfig {
  readonly profile: Profile;
  readonly seed: string;
  readonly shard: Shard;
}

export interface RunConfigInput {
  profile?: string;
  config?: string;
  seed?: string | number;
  shard?: string;
  referenceDate?: string;
  historyMonths?: number;
  orgs?: number;
  providers?: number;
  patients?: number;
}

export class ConfigError extends UsageError {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export const DEFAULT_PROFILE = 'ci';
export const DEFAULT_SEED = '42';

export function profilesDir(): string {
  return path.join(packageRoot(), 'fixtures', 'profiles');
}

export function listProfiles(): string[] {
  return readdirSync(profilesDir())
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -5))
    .sort();
}

function readJson(file: string, label: string, problems: string[]): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push(`${label}: must contain a JSON object`);
  } catch (error) {
    problems.push(`${label}: cannot read it as JSON (${(error as Error).message})`);
  }
  return undefined;
}

/**
 * Builds the run configuration: named profile, then the --config file, then flags, validated as a
 * whole. Every problem is reported at once, before anything runs.
 */
export function resolveRunConfig(input: RunConfigInput): RunConfig {
  const problems: string[] = [];
  let fromFile: Record<string, unknown> = {};
  if (input.config !== undefined) {
    if (!existsSync(input.config)) problems.push(`--config: file ${input.config} does not exist`);
    else fromFile = readJson(input.config, `--config ${input.config}`, problems) ?? {};
  }
  const { profile: fileProfile, seed: fileSeed, ...fileOverrides } = fromFile;
  const profileName = input.profile ?? (typeof fileProfile === 'string' ? fileProfile : DEFAULT_PROFILE);
  const profileFile = path.join(profilesDir(), `${profileName}.json`);
  let base: Record<string, unknown> = {};
  if (!/^[\w.-]+$/.test(profileName) || !existsSync(profileFile)) {
    problems.push(`profile: unknown profile "${profileName}"; available: ${listProfiles().join(', ')}`);
  } else {
    base = readJson(profileFile, `profile ${profileName}`, problems) ?? {};
  }

  const merged: Record<string, unknown> = { ...base, ...fileOverrides };
  merged.volumes = { ...(base.volumes as object), ...(fileOverrides.volumes as object) };
  if (base.params !== undefined || fileOverrides.params !== undefined) {
    merged.params = { ...(base.params as object), ...(fileOverrides.params as object) };
  }
  const volumes = merged.volumes as Record<string, unknown>;
  for (const key of ['orgs', 'providers', 'patients'] as const) {
    if (input[key] !== undefined) volumes[key] = input[key];
  }
  if (input.referenceDate !== undefined) merged.referenceDate = input.referenceDate;
  if (input.historyMonths !== undefined) merged.historyMonths = input.historyMonths;

  const { profile, problems: profileProblems } = validateProfile(merged);
  problems.push(...profileProblems);

  const seedValue = input.seed ?? fileSeed ?? DEFAULT_SEED;
  const seed = String(seedValue);
  if ((typeof seedValue !== 'string' && typeof seedValue !== 'number') || !/^[\w.:-]{1,64}$/.test(seed)) {
    problems.push(`seed: must be 1-64 letters, digits or . _ : -, got ${JSON.stringify(seedValue)}`);
  }
  let shard: Shard = WHOLE;
  if (input.shard !== undefined) {
    const parsed = parseShard(input.shard);
    if (typeof parsed === 'string') problems.push(parsed);
    else shard = parsed;
  }
  if (problems.length > 0 || !profile) throw new ConfigError(problems);
  return { profile, seed, shard };
}
