import { UsageError } from '../cli/errors.js';
import { resolveRunConfig, type RunConfig, type RunConfigInput } from '../config/resolve-run-config.js';
import { hasDataFlags } from '../load/resolve-verify-config.js';
import { runConfigFromManifest } from '../load/run-config-from-run.js';
import type { Manifest } from '../sinks/manifest.js';
import { GENERATOR_VERSION } from '../version.js';

/** JSON with object keys sorted: jsonb does not keep key order, so plain JSON.stringify would see differences that are not. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The differences between a run configuration and the manifest of the seeded data, one line each. */
export function describeConfigMismatch(config: RunConfig, manifest: Manifest): string[] {
  const { profile } = config;
  const compare: [string, unknown, unknown][] = [
    ['generator version', GENERATOR_VERSION, manifest.generatorVersion],
    ['profile', profile.name, manifest.profile],
    ['seed', config.seed, manifest.seed],
    ['referenceDate', profile.referenceDate, manifest.referenceDate],
    ['historyMonths', profile.historyMonths, manifest.historyMonths],
    ['volumes', profile.volumes, manifest.volumes],
    ['params', profile.params, manifest.params],
  ];
  const lines: string[] = [];
  for (const [what, ours, theirs] of compare) {
    if (canonical(ours) === canonical(theirs)) continue;
    if (ours !== null && theirs !== null && typeof ours === 'object' && typeof theirs === 'object') {
      // name only the keys that differ: a params object is long
      const a = ours as Record<string, unknown>;
      const b = theirs as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().filter((key) => canonical(a[key]) !== canonical(b[key]));
      lines.push(`${what}: ${keys.map((key) => `${key} ${canonical(a[key])} here, ${canonical(b[key])} in the database`).join('; ')}`);
    } else {
      lines.push(`${what}: ${canonical(ours)} here, ${canonical(theirs)} in the database`);
    }
  }
  return lines;
}

/**
 * The configuration the bench draws parameters from. Without --profile and --seed it is the one the
 * database was seeded with (medseed.runs); with them, they must describe the seeded data, since
 * parameters drawn from other data would not exist.
 */
export function resolveBenchConfig(input: RunConfigInput, seeded: { runId: number; manifest: Manifest } | undefined): RunConfig {
  const fromDatabase: RunConfigInput = {};
  if (seeded && input.profile === undefined && input.seed === undefined && input.config === undefined) {
    const { manifest } = seeded;
    Object.assign(fromDatabase, {
      profile: manifest.profile,
      seed: manifest.seed,
      referenceDate: manifest.referenceDate,
      historyMonths: manifest.historyMonths,
      ...manifest.volumes,
    });
  }
  // Without data flags: exactly the recorded configuration, params and shard included (a --config file's too).
  const config = seeded && !hasDataFlags(input) ? runConfigFromManifest(seeded.manifest) : resolveRunConfig({ ...fromDatabase, ...input });
  if (seeded) {
    const mismatch = describeConfigMismatch(config, seeded.manifest);
    if (mismatch.length > 0) {
      throw new UsageError(
        `the database holds other data than the bench would draw parameters from (seed run #${seeded.runId}):\n${mismatch.map((m) => `  - ${m}`).join('\n')}\n` +
          'Pass the flags it was seeded with (or none, to use them), or reseed it.',
      );
    }
  }
  return config;
}
