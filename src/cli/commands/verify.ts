import type { CommandModule } from 'yargs';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { connect } from '../../db/connect.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { verifyDatabase } from '../../load/verify-database.js';
import { dbOption } from '../db-option.js';
import { defaultLoadWorkers, LOAD_BATCH_SIZE, parallelismOptionsFor, validateParallelism } from '../parallelism-options.js';
import { toRunConfigInput, withRunConfigOptions, type RunConfigArgs } from '../run-config-options.js';

interface VerifyArgs extends RunConfigArgs {
  db?: string;
  workers: number;
  batchSize: number;
  json: boolean;
  setExitCode: (code: number) => void;
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify',
  describe: 'Check that the database holds exactly the data of a seed and profile (row counts and checksums); exit 1 if not',
  builder: (yargs) =>
    withRunConfigOptions(yargs)
      .option('db', dbOption)
      .options(parallelismOptionsFor(defaultLoadWorkers(), LOAD_BATCH_SIZE))
      .option('json', { type: 'boolean', default: false, describe: 'Print the comparison as JSON on stdout' })
      .strict() as never,
  handler: async (args) => {
    validateParallelism(args);
    const config = resolveRunConfig(toRunConfigInput(args));
    const database = await resolveDatabase(args.db);
    await (await connect(database.url)).end();
    const result = await verifyDatabase(database.url, config, args.workers, args.batchSize);
    if (args.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const t of result.tables) {
        const verdict = t.identical ? 'ok' : 'DIFFERS';
        process.stdout.write(
          `${t.table.padEnd(18)} ${String(t.actual.rows).padStart(10)} / ${String(t.expected.rows).padEnd(10)} rows  ${t.actual.sha256.slice(0, 12)}  ${verdict}\n`,
        );
      }
      const differing = result.tables.filter((t) => !t.identical).map((t) => t.table);
      process.stdout.write(
        result.identical
          ? `Identical to profile ${config.profile.name}, seed ${config.seed}.\n`
          : `Differs from profile ${config.profile.name}, seed ${config.seed} in: ${differing.join(', ')}\n`,
      );
    }
    if (!result.identical) args.setExitCode(1);
  },
};
