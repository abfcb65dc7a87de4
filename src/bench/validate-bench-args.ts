import { UsageError } from '../cli/errors.js';

export interface BenchNumbers {
  readonly iterations: number;
  readonly concurrency: number;
  readonly warmup: number | undefined;
  readonly parameterSets: number;
  readonly sampleSize: number;
  readonly minRegressionMs: number;
}

const RULES: Record<keyof BenchNumbers, { min: number; max: number; integer: boolean }> = {
  iterations: { min: 1, max: 1_000_000, integer: true },
  concurrency: { min: 1, max: 64, integer: true },
  warmup: { min: 0, max: 1_000_000, integer: true },
  parameterSets: { min: 1, max: 10_000, integer: true },
  sampleSize: { min: 1, max: 100_000, integer: true },
  minRegressionMs: { min: 0, max: 1_000_000, integer: false },
};

const FLAGS: Record<keyof BenchNumbers, string> = {
  iterations: '--iterations',
  concurrency: '--concurrency',
  warmup: '--warmup',
  parameterSets: '--parameter-sets',
  sampleSize: '--sample-size',
  minRegressionMs: '--min-regression-ms',
};

/** Checks the numeric flags all at once, naming each bad one with its rule and value. */
export function validateBenchNumbers(values: BenchNumbers): BenchNumbers {
  const problems: string[] = [];
  for (const key of Object.keys(RULES) as (keyof BenchNumbers)[]) {
    const value = values[key];
    if (value === undefined) continue;
    const rule = RULES[key];
    if (typeof value !== 'number' || Number.isNaN(value) || (rule.integer && !Number.isInteger(value)) || value < rule.min || value > rule.max) {
      problems.push(`${FLAGS[key]}: must be ${rule.integer ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}, got ${String(value)}`);
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return values;
}

/** --only a,b --only c → ['a', 'b', 'c']; undefined when not given. */
export function parseOnly(only: string | readonly string[] | undefined): string[] | undefined {
  if (only === undefined) return undefined;
  const names = (Array.isArray(only) ? only : [only]).flatMap((part: string) => part.split(',')).map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError('--only: name at least one query, e.g. --only patient_timeline,document_search');
  return names;
}
