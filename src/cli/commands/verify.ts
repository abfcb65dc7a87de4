import type { CommandModule } from 'yargs';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { connect } from '../../db/connect.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { checkCompleteness, type CompletenessCheck, type ObjectsCheck } from '../../load/check-completeness.js';
import { hasDataFlags, resolveVerifyConfig } from '../../load/resolve-verify-config.js';
import { latestRun } from '../../load/run-record.js';
import { describeAbandonedRun, settleDeadRuns } from '../../load/settle-dead-runs.js';
import { verifyDatabase, type VerifyResult } from '../../load/verify-database.js';
import { changedByWorkload, describeWorkloadChange, type WorkloadChange } from '../../workload/journal/changed-by-workload.js';
import { dbOption } from '../db-option.js';
import { UsageError } from '../errors.js';
import { mappingOption } from './mapping.js';
import { verifyThroughMapping } from './verify-through-mapping.js';
import { defaultLoadWorkers, LOAD_BATCH_SIZE, parallelismOptionsFor, validateParallelism } from '../parallelism-options.js';
import { toRunConfigInput, withRunConfigOptions, type RunConfigArgs } from '../run-config-options.js';

interface VerifyArgs extends RunConfigArgs {
  db?: string;
  workers: number;
  batchSize: number;
  json: boolean;
  mapping?: string;
  setExitCode: (code: number) => void;
}

function objectsLine(label: string, check: ObjectsCheck): string {
  const valid = check.expected - check.missing.length - check.invalid.length - check.elsewhere.length;
  return `${label.padEnd(18)} ${valid} of ${check.expected} present and valid`;
}

function formatSchema(check: CompletenessCheck): string {
  const lines = [
    `${'migrations'.padEnd(18)} ${check.migrations.expected - check.migrations.missing.length} of ${check.migrations.expected} applied`,
    objectsLine('indexes', check.indexes),
    objectsLine('constraints', check.constraints),
    ...(check.searchVectors
      ? [`${'search vectors'.padEnd(18)} ${check.searchVectors.checked - check.searchVectors.mismatched} of ${check.searchVectors.checked} equal to_tsvector(title, body)`]
      : []),
    `${'last run'.padEnd(18)} ${check.run ? `#${check.run.id} ${check.run.status} (${check.run.source})` : 'none recorded'}`,
  ];
  return `${lines.join('\n')}\n`;
}

function formatData(result: VerifyResult): string {
  return result.tables
    .map((t) => `${t.table.padEnd(18)} ${String(t.actual.rows).padStart(10)} / ${String(t.expected.rows).padEnd(10)} rows  ${t.actual.sha256.slice(0, 12)}  ${t.identical ? 'ok' : 'DIFFERS'}\n`)
    .join('');
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify',
  describe:
    'Check that the database is complete (migrations, indexes, constraints, a succeeded run) and holds exactly the data of its seed and profile (row counts and checksums); exit 1 if not',
  builder: (yargs) =>
    withRunConfigOptions(yargs)
      // No defaults: without data flags verify compares with what the latest run recorded.
      .option('profile', { type: 'string', default: undefined, describe: 'Profile to compare with (default: the one medseed.runs records, else ci)' })
      .option('seed', { type: 'string', default: undefined, describe: 'Seed to compare with (default: the one medseed.runs records, else 42)' })
      .option('db', dbOption)
      .options(parallelismOptionsFor(defaultLoadWorkers(), LOAD_BATCH_SIZE))
      .option('json', { type: 'boolean', default: false, describe: 'Print the schema, run and data checks as JSON on stdout' })
      .option('mapping', mappingOption)
      .strict() as never,
  handler: async (args) => {
    validateParallelism(args);
    const input = toRunConfigInput(args);
    if (args.mapping !== undefined) {
      // the recorded run decides the data: flags that would choose other data are refused, not ignored
      if (hasDataFlags(input)) throw new UsageError('--mapping verifies against the run recorded in medseed.mapped_runs; leave out --profile, --seed and the other data flags');
      return verifyThroughMapping(args);
    }
    // Flags are checked before anything connects.
    if (hasDataFlags(input)) resolveRunConfig(input);
    const database = await resolveDatabase(args.db);
    const client = await connect(database.url, 'medseed-verify');
    let completeness: CompletenessCheck;
    let run: Awaited<ReturnType<typeof latestRun>>;
    let workload: WorkloadChange[];
    try {
      // a loader that died leaves its run 'running': mark it abandoned first, so the run check tells the truth
      for (const dead of await settleDeadRuns(client)) process.stderr.write(`${describeAbandonedRun(dead)}\n`);
      completeness = await checkCompleteness(client);
      run = await latestRun(client);
      // rows a workload wrote and did not put back: named, so a differing checksum has its cause
      workload = await changedByWorkload(client);
    } finally {
      await client.end();
    }
    const chosen = resolveVerifyConfig(input, run);
    const { config } = chosen;
    // Without every table there is nothing to checksum; the schema check says what is missing.
    const data = completeness.tables.missing.length === 0 ? await verifyDatabase(database.url, config, args.workers, args.batchSize) : undefined;
    const identical = data?.identical ?? false;
    const ok = identical && completeness.complete && workload.length === 0;
    if (args.json) {
      const report = {
        ok,
        complete: completeness.complete,
        identical,
        config: {
          source: chosen.source,
          runId: chosen.runId,
          profile: config.profile.name,
          seed: config.seed,
          volumes: config.profile.volumes,
          caveat: chosen.caveat,
        },
        schema: completeness,
        tables: data?.tables ?? [],
        workload,
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(formatSchema(completeness));
      process.stdout.write(`${chosen.description}\n`);
      if (chosen.caveat) process.stdout.write(`Note: ${chosen.caveat}.\n`);
      if (data) {
        process.stdout.write(formatData(data));
        const differing = data.tables.filter((t) => !t.identical).map((t) => t.table);
        process.stdout.write(
          data.identical
            ? `Data identical to profile ${config.profile.name}, seed ${config.seed}.\n`
            : `Data differs from profile ${config.profile.name}, seed ${config.seed} in: ${differing.join(', ')}\n`,
        );
      } else {
        process.stdout.write('Data not compared: tables are missing.\n');
      }
      for (const change of workload) process.stdout.write(`${describeWorkloadChange(change)}\n`);
      if (completeness.complete) {
        process.stdout.write('Schema complete: every migration applied, every index and constraint valid, last run succeeded.\n');
      } else {
        process.stdout.write(
          `INCOMPLETE:\n${completeness.problems.map((p) => `  - ${p}`).join('\n')}\nRun "medseed seed --reset" to reload from scratch.\n`,
        );
      }
    }
    if (!ok) args.setExitCode(1);
  },
};
