import type { BenchTarget } from '../../bench/bench-target.js';
import type { RunConfig } from '../../config/resolve-run-config.js';
import type { Queryable } from '../../db/queryable.js';
import { sha256OfFile } from '../load/mapped-runs.js';
import type { Mapping } from '../mapping/define-mapping.js';
import { prepareMappedTarget } from '../prepare-mapped-target.js';
import { createMappedBenchTarget } from './mapped-bench-target.js';
import type { OwnSchemaFiles } from './own-schema-files.js';
import { readBenchableRun } from './read-benchable-run.js';
import type { SessionTemplate } from './session-template.js';

/** The validated inputs of `bench --mapping`, read before anything connects. */
export interface MappedBenchFiles {
  readonly files: OwnSchemaFiles;
  readonly session: SessionTemplate;
  readonly mapping: Mapping;
  /** The mapping file's absolute path (loadMapping). */
  readonly path: string;
}

/**
 * What a bench of the user's schema needs from the database: the last succeeded run through a
 * mapping gives the data (exit 1 without one), and the mapping must bind the schema as it is now
 * (exit 2 listing every problem). Reads only.
 */
export async function prepareMappedBench(client: Queryable, mapped: MappedBenchFiles): Promise<{ config: RunConfig; target: BenchTarget }> {
  const run = await readBenchableRun(client);
  const target = await prepareMappedTarget(client, mapped.mapping, mapped.files.mapping);
  const bench = createMappedBenchTarget({ files: mapped.files, target, run, mappingSha256: await sha256OfFile(mapped.path), session: mapped.session });
  return { config: run.config, target: bench };
}
