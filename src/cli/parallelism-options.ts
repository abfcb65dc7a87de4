import os from 'node:os';
import { DEFAULT_BATCH_SIZE, defaultWorkers } from '../runner/generate-chunks.js';
import { UsageError } from './errors.js';

/**
 * Generator threads while loading. One is enough: PostgreSQL's COPY backends need the other cores
 * more. Generating on the main thread instead stalls the COPY streams while a chunk is made
 * (measured at 10x on 2 cores: 69 s of generate+copy inline vs 51 s with one worker).
 */
export function defaultLoadWorkers(): number {
  return os.availableParallelism() >= 8 ? 2 : 1;
}

/**
 * Patients per chunk while loading: smaller chunks keep the memory of chunks in flight low. A few
 * chunks are resident at once (one being generated, one or two being written to COPY, each ~10-20
 * MB at 50 patients), so their size sets most of the load's peak beyond the process's fixed ~110 MB.
 * Measured at 10x on 2 cores under the same load: peak RSS 174 MB at 50 patients, 139 MB at 25.
 */
export const LOAD_BATCH_SIZE = 25;

/** --workers and --batch-size: they change speed and memory, never the data. */
export function parallelismOptionsFor(workers: number, batchSize: number) {
  return {
    workers: { ...parallelismOptions.workers, default: workers },
    'batch-size': { ...parallelismOptions['batch-size'], default: batchSize },
  } as const;
}

export const parallelismOptions = {
  workers: {
    type: 'number',
    default: defaultWorkers(),
    describe: 'Generator worker threads (0 = generate on the main thread); output is identical for any value',
    requiresArg: true,
  },
  'batch-size': {
    type: 'number',
    default: DEFAULT_BATCH_SIZE,
    describe: 'Patients per chunk handed to a worker; output is identical for any value',
    requiresArg: true,
  },
} as const;

export function validateParallelism(args: { workers: number; batchSize: number }): void {
  const problems: string[] = [];
  if (!Number.isInteger(args.workers) || args.workers < 0 || args.workers > 64) {
    problems.push(`--workers: must be an integer from 0 to 64, got ${args.workers}`);
  }
  if (!Number.isInteger(args.batchSize) || args.batchSize < 1) {
    problems.push(`--batch-size: must be an integer >= 1, got ${args.batchSize}`);
  }
  if (problems.length > 0) throw new UsageError(`invalid options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
