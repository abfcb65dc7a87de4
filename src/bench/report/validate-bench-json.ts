import { readFileSync } from 'node:fs';
import { UsageError } from '../../cli/errors.js';
import type { BenchReport } from './bench-report.js';
import schema from './bench-json-schema.json' with { type: 'json' };
import { validateJsonSchema, type JsonSchema } from './validate-json-schema.js';

/** The documented shape of bench.json (src/bench/report/bench-json-schema.json). */
export const BENCH_JSON_SCHEMA = schema as JsonSchema;

/** Every way a value differs from the documented bench.json shape; empty when it conforms. */
export function validateBenchJson(value: unknown): string[] {
  return validateJsonSchema(value, BENCH_JSON_SCHEMA);
}

/** Reads a previous bench.json for --baseline, naming every problem when it is not one. */
export function readBenchJson(file: string): BenchReport {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--baseline ${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  const problems = validateBenchJson(value);
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((problem) => `  - ${problem}`);
    if (problems.length > 20) shown.push(`  - ... and ${problems.length - 20} more`);
    throw new UsageError(`--baseline ${file}: not a bench.json of this medseed version:\n${shown.join('\n')}`);
  }
  return value as BenchReport;
}
