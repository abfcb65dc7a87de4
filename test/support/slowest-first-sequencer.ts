import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest test files, slowest first, as measured on a full run (seconds on a loaded 2-core
 * machine, 2026-11-30). CI runs on a clean clone, so vitest has no durations cached and would order
 * files by size: a small but slow file (fhir-r4-validation) then started last and ran alone for
 * minutes. Starting the longest files first lets the two workers finish together. A file missing
 * from this list only costs time, never a result; re-rank when a file becomes slow.
 */
export const SLOWEST_FILES = [
  'test/cli/bad-input.test.ts', // 263
  'test/encoders/fhir/fhir-r4-validation.test.ts', // 192
  'test/load/faults-server.test.ts', // 183
  'test/load/recover-post-load.test.ts', // 170
  'test/own-schema/seed-mapped.test.ts', // 152
  'test/workload/cli/workload-on-ci.test.ts', // 144
  'test/workload/cli/workload-faults.test.ts', // 117
  'test/cli/output-safety.test.ts', // 109
  'test/cli/generate-files.test.ts', // 100
  'test/own-schema/seed-mapped-bad-input.test.ts', // 80
  'test/load/verify-completeness.test.ts', // 75
  'test/own-schema/generate-mapped.test.ts', // 71
  'test/own-schema/bench-mapped.test.ts', // 71
  'test/load/seed.test.ts', // 67
  'test/load/run-liveness.test.ts', // 61
  'test/own-schema/seed-mapped-faults.test.ts', // 57
  'test/cli/cli-errors.test.ts', // 52
  'test/db/leakproof-search.test.ts', // 49
  'test/text-search/search-results.test.ts', // 48
  'test/workload/journal/workload-journal.test.ts', // 46
] as const;

/** vitest's own order (cached durations, else size), with the files of SLOWEST_FILES first. */
export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOWEST_FILES.findIndex((slow) => file.moduleId.endsWith(`/${slow}`));
      return index === -1 ? SLOWEST_FILES.length : index;
    };
    // Array.prototype.sort is stable: files not listed keep vitest's order after the listed ones
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
