import { UsageError } from '../cli/errors.js';
import type { OperationThresholds } from './report/workload-report.js';

export interface WorkloadNumbers {
  readonly durationS: number;
  readonly warmupS: number;
  readonly rampS: number;
  readonly intervalS: number;
  readonly thinkTimeMs: number | undefined;
  readonly rate: number | undefined;
  readonly lateAfterMs: number;
  readonly maxQueueMs: number;
  readonly statementTimeoutMs: number;
  readonly sampleSize: number;
}

const RULES: Record<keyof WorkloadNumbers, { flag: string; min: number; max: number; integer: boolean }> = {
  durationS: { flag: '--duration', min: 1, max: 86_400, integer: false },
  warmupS: { flag: '--warmup', min: 0, max: 3_600, integer: false },
  rampS: { flag: '--ramp', min: 0, max: 3_600, integer: false },
  intervalS: { flag: '--interval', min: 0.1, max: 600, integer: false },
  thinkTimeMs: { flag: '--think-time', min: 0, max: 600_000, integer: false },
  rate: { flag: '--rate', min: 0.01, max: 1_000_000, integer: false },
  lateAfterMs: { flag: '--late-after', min: 0, max: 600_000, integer: false },
  maxQueueMs: { flag: '--max-queue', min: 1, max: 3_600_000, integer: false },
  statementTimeoutMs: { flag: '--statement-timeout', min: 1, max: 3_600_000, integer: false },
  sampleSize: { flag: '--sample-size', min: 1, max: 100_000, integer: true },
};

/** The numeric flags, all checked at once; each bad one named with its range and value. */
export function validateWorkloadNumbers(values: WorkloadNumbers): WorkloadNumbers {
  const problems: string[] = [];
  for (const key of Object.keys(RULES) as (keyof WorkloadNumbers)[]) {
    const value = values[key];
    if (value === undefined) continue;
    const rule = RULES[key];
    if (typeof value !== 'number' || Number.isNaN(value) || (rule.integer && !Number.isInteger(value)) || value < rule.min || value > rule.max) {
      problems.push(`${rule.flag}: must be ${rule.integer ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}, got ${String(value)}`);
    }
  }
  if (values.intervalS > values.durationS) problems.push(`--interval ${values.intervalS} is longer than --duration ${values.durationS}: the time series would have no point in the measured window`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return values;
}

/** Most users one run may simulate: each holds a connection of its own. */
export const MAX_USERS = 1000;

/** `--users 16` or a sweep `--users 1,8,32,64` (ascending, distinct). */
export function parseUsers(value: string | number | undefined): number[] {
  const text = String(value ?? '').trim();
  const parts = text.split(',').map((p) => p.trim());
  const counts = parts.map(Number);
  if (text === '' || counts.some((n, i) => parts[i] === '' || !Number.isInteger(n) || n < 1 || n > MAX_USERS)) {
    throw new UsageError(`--users: give a number of users from 1 to ${MAX_USERS}, or an ascending list for a sweep (e.g. --users 1,8,32,64); got "${text}"`);
  }
  if (counts.some((n, i) => i > 0 && n <= (counts[i - 1] as number))) {
    throw new UsageError(`--users ${text}: a sweep must go up, each count larger than the one before (e.g. 1,8,32,64)`);
  }
  return counts;
}

export type ThresholdOverrides = Record<string, Partial<{ -readonly [K in keyof OperationThresholds]: number }>>;

/**
 * --max-p95 / --max-p99 name=ms and --max-error-rate [name=]rate (comma-separated or repeated):
 * per-operation budgets over the catalog's and the mix's. A bare error rate applies to every
 * operation. Names are checked against the operations that exist.
 */
export function parseThresholdFlags(
  flags: { maxP95?: string | string[] | undefined; maxP99?: string | string[] | undefined; maxErrorRate?: string | string[] | undefined },
  known: readonly string[],
): ThresholdOverrides {
  const overrides: ThresholdOverrides = {};
  const problems: string[] = [];
  const entries = (value: string | string[] | undefined) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean));
  const take = (flag: string, key: keyof OperationThresholds, value: string | string[] | undefined, isValid: (n: number) => boolean, what: string) => {
    for (const entry of entries(value)) {
      const match = /^(?:([a-z][a-z0-9_]*)=)?(.+)$/.exec(entry);
      const name = match?.[1];
      const limit = Number(match?.[2]);
      if (!match || !isValid(limit)) problems.push(`${flag} ${entry}: expected ${key === 'errorRate' ? '[name=]rate' : 'name=ms'} with ${what}`);
      else if (name === undefined && key !== 'errorRate') problems.push(`${flag} ${entry}: name the operation, e.g. ${flag} patient_timeline=80`);
      else if (name !== undefined && !known.includes(name)) problems.push(`${flag} ${entry}: no operation "${name}"; operations are ${[...known].sort().join(', ')}`);
      else for (const target of name === undefined ? known : [name]) (overrides[target] ??= {})[key] = limit;
    }
  };
  take('--max-p95', 'p95Ms', flags.maxP95, (n) => n > 0, 'ms > 0');
  take('--max-p99', 'p99Ms', flags.maxP99, (n) => n > 0, 'ms > 0');
  take('--max-error-rate', 'errorRate', flags.maxErrorRate, (n) => n >= 0 && n <= 1, 'a rate from 0 to 1');
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return overrides;
}
