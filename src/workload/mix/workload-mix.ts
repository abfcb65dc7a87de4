import { readFileSync } from 'node:fs';
import { UsageError } from '../../cli/errors.js';
import type { OperationInfo } from '../operations/operation-info.js';
import type { OperationThresholds, UserRole } from '../report/workload-report.js';

export const DEFAULT_MIX_FILE = 'workload-mix.json';

export interface WeightedOperation {
  readonly name: string;
  readonly weight: number;
}

/** A validated mix file: who does what how often, and the budgets that decide the exit code. */
export interface WorkloadMix {
  readonly file: string;
  readonly thinkTimeMs: number;
  readonly administratorsShare: number;
  readonly weights: Readonly<Record<UserRole, readonly WeightedOperation[]>>;
  /** Every known operation's thresholds, the mix file's over the operation's own. */
  readonly thresholds: Readonly<Record<string, OperationThresholds>>;
}

const TOP_KEYS = ['$comment', 'thinkTimeMs', 'administratorsShare', 'clinician', 'administrator', 'thresholds', 'errorRate'];
const THRESHOLD_KEYS = ['p95Ms', 'p99Ms', 'errorRate'] as const;
const ROLE_OF_SECTION: Readonly<Record<string, UserRole>> = { clinician: 'clinician', administrator: 'administrator' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * Reads and checks a mix file against the operations that exist (the catalog's reads and the
 * built-in writes). Every problem is listed at once, with the file and key, before anything runs.
 */
export function loadWorkloadMix(file: string, operations: ReadonlyMap<string, OperationInfo>): WorkloadMix {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`--mix ${file}: cannot read the workload mix (${why}); see bench/queries/workload-mix.json for the format`);
  }
  const problems: string[] = [];
  const at = (key: string, message: string) => problems.push(`${file}: ${key}: ${message}`);
  if (!isObject(parsed)) throw new UsageError(`${file}: a workload mix is a JSON object; see bench/queries/workload-mix.json`);
  for (const key of Object.keys(parsed)) if (!TOP_KEYS.includes(key)) at(key, `unknown key; keys are ${TOP_KEYS.slice(1).join(', ')}`);

  const thinkTimeMs = parsed.thinkTimeMs ?? 0;
  if (typeof thinkTimeMs !== 'number' || !(thinkTimeMs >= 0) || thinkTimeMs > 600_000) at('thinkTimeMs', `must be a number of ms from 0 to 600000, got ${JSON.stringify(thinkTimeMs)}`);
  const administratorsShare = parsed.administratorsShare ?? 0;
  if (typeof administratorsShare !== 'number' || !(administratorsShare >= 0 && administratorsShare <= 1)) at('administratorsShare', `must be a number from 0 to 1, got ${JSON.stringify(administratorsShare)}`);
  const defaultErrorRate = parsed.errorRate ?? null;
  if (defaultErrorRate !== null && (typeof defaultErrorRate !== 'number' || !(defaultErrorRate >= 0 && defaultErrorRate <= 1))) at('errorRate', `must be a number from 0 to 1, got ${JSON.stringify(defaultErrorRate)}`);

  const weights: Record<UserRole, WeightedOperation[]> = { clinician: [], administrator: [] };
  for (const section of Object.keys(ROLE_OF_SECTION)) {
    const role = ROLE_OF_SECTION[section] as UserRole;
    const value = parsed[section] ?? {};
    if (!isObject(value)) {
      at(section, 'must be an object of operation name to weight');
      continue;
    }
    for (const [name, weight] of Object.entries(value)) {
      const info = operations.get(name);
      if (!info) at(`${section}.${name}`, `no such operation; operations are ${[...operations.keys()].sort().join(', ')}`);
      else if (info.role !== role) at(`${section}.${name}`, `is an ${info.role}'s operation; move it to "${info.role}"`);
      else if (info.followUpOnly) at(`${section}.${name}`, `runs only after ${[...operations.values()].find((o) => o.followedBy === name)?.name ?? 'another operation'}; give that one a weight instead`);
      else if (!isPositive(weight)) at(`${section}.${name}`, `weight must be a number > 0, got ${JSON.stringify(weight)}`);
      else weights[role].push({ name, weight });
    }
  }
  if (weights.clinician.length === 0 && weights.administrator.length === 0) at('clinician', 'the mix has no operation with a weight');
  if (typeof administratorsShare === 'number' && administratorsShare > 0 && weights.administrator.length === 0) at('administratorsShare', 'is above 0 but "administrator" has no operation');
  if (typeof administratorsShare === 'number' && administratorsShare < 1 && weights.clinician.length === 0) at('administratorsShare', 'is below 1 but "clinician" has no operation');

  const thresholds: Record<string, OperationThresholds> = {};
  for (const [name, info] of operations) thresholds[name] = { ...info.thresholds, errorRate: info.thresholds.errorRate ?? (typeof defaultErrorRate === 'number' ? defaultErrorRate : null) };
  const given = parsed.thresholds ?? {};
  if (!isObject(given)) at('thresholds', 'must be an object of operation name to { p95Ms, p99Ms, errorRate }');
  else {
    for (const [name, value] of Object.entries(given)) {
      if (!operations.has(name)) {
        at(`thresholds.${name}`, 'no such operation');
        continue;
      }
      if (!isObject(value)) {
        at(`thresholds.${name}`, 'must be an object with p95Ms, p99Ms or errorRate');
        continue;
      }
      const merged = { ...thresholds[name] } as { -readonly [K in keyof OperationThresholds]: OperationThresholds[K] };
      for (const [key, limit] of Object.entries(value)) {
        if (!(THRESHOLD_KEYS as readonly string[]).includes(key)) at(`thresholds.${name}.${key}`, `unknown key; keys are ${THRESHOLD_KEYS.join(', ')}`);
        else if (key === 'errorRate' ? !(typeof limit === 'number' && limit >= 0 && limit <= 1) : !isPositive(limit)) at(`thresholds.${name}.${key}`, `must be ${key === 'errorRate' ? 'a number from 0 to 1' : 'a number of ms > 0'}, got ${JSON.stringify(limit)}`);
        else merged[key as keyof OperationThresholds] = limit as number;
      }
      thresholds[name] = merged;
    }
  }
  if (problems.length > 0) throw new UsageError(`the workload mix has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { file, thinkTimeMs: thinkTimeMs as number, administratorsShare: administratorsShare as number, weights, thresholds };
}
