import { createInterface } from 'node:readline/promises';
import type { CommandModule } from 'yargs';
import { destroyEmbedded, planDestroyEmbedded, type DestroyItem, type DestroyPlan } from '../../db/embedded/destroy-embedded.js';
import { UsageError } from '../errors.js';
import { wrapEmbeddedErrors } from './wrap-embedded-errors.js';

interface DestroyArgs {
  yes: boolean;
  setExitCode: (code: number) => void;
}

const CONFIRM_WORD = 'destroy';
const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (line: string) => process.stdout.write(`${line}\n`);

export const destroyCommand: CommandModule<object, DestroyArgs> = {
  command: 'destroy',
  describe:
    'Delete the embedded server and all its databases (data directory, log, state file in ./.medseed or $MEDSEED_HOME), stopping it first. Asks to type "destroy"; --yes to skip the question',
  builder: (yargs) =>
    yargs
      .option('yes', { type: 'boolean', default: false, alias: 'y', describe: 'Delete without asking (required when stdin is not a terminal)' })
      .example('$0 db destroy', 'Lists what would be deleted and asks to type "destroy"')
      .example('MEDSEED_HOME=/tmp/ci-home $0 db destroy --yes', 'In a script: delete a throwaway home\'s server')
      .strict() as never,
  handler: async (args) => {
    const plan = await wrapEmbeddedErrors('Refusing to destroy the embedded PostgreSQL server.', () => planDestroyEmbedded());
    if (!plan.exists) {
      print(`Nothing to destroy: ${plan.home} does not exist.`);
      return;
    }
    if (!args.yes) {
      if (!process.stdin.isTTY) {
        throw new UsageError(
          `db destroy would delete the embedded PostgreSQL server in ${plan.home} and every database in it:\n${describeItems(plan.items)}\n` +
            'stdin is not a terminal, so medseed cannot ask for confirmation: pass --yes to delete. Nothing was deleted.',
        );
      }
      if (!(await confirm(plan))) {
        print('Nothing was deleted.');
        args.setExitCode(1);
        return;
      }
    }
    const result = await wrapEmbeddedErrors('Could not destroy the embedded PostgreSQL server.', () => destroyEmbedded({ log }));
    if (result.deleted.length === 0) print(`Nothing of the embedded server was left to delete in ${result.home}.`);
    else print(`Deleted:\n${describeItems(result.deleted)}`);
    const freed = result.deleted.reduce((sum, item) => sum + item.bytes, 0);
    print(`Freed ${formatBytes(freed)}. "medseed db start" creates a new, empty server.`);
  },
};

async function confirm(plan: DestroyPlan): Promise<boolean> {
  log(`This deletes the embedded PostgreSQL server in ${plan.home} and every database in it:`);
  log(describeItems(plan.items));
  if (plan.running) log(`The server is running (pid ${plan.running.pid}${plan.running.port === undefined ? '' : `, port ${plan.running.port}`}); it is stopped first.`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Type "${CONFIRM_WORD}" to delete them, anything else to keep them: `);
    return answer.trim() === CONFIRM_WORD;
  } catch {
    return false; // stdin closed before an answer: keep everything
  } finally {
    prompt.close();
  }
}

function describeItems(items: readonly DestroyItem[]): string {
  return items.map((item) => `  ${item.path}  ${formatBytes(item.bytes)}  ${item.what}`).join('\n');
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
