import yargs from 'yargs';
import { commands } from './commands/index.js';
import { errorExitCode, formatError } from './errors.js';
import { beginParse, deferred } from './parse/deferred-command.js';
import { describeUsageError } from './parse/describe-usage-error.js';
import { findUnparsedNumbers } from './parse/find-unparsed-numbers.js';

const COMMAND_NAMES = commands.map((command) => String(command.command).split(' ')[0]).join(', ');

function usageFailure(message: string): number {
  process.stderr.write(`Error: ${message}\nRun "medseed --help" or "medseed <command> --help" for usage.\n`);
  return 2;
}

/**
 * Runs the medseed CLI with the given arguments and resolves to the process exit code. The whole
 * command line is parsed and validated first; only then does the command act, so a typo never
 * costs a side effect.
 */
export async function main(argv: string[]): Promise<number> {
  let usageError: string | undefined;
  let exitCode = 0;
  const session = beginParse();
  const parser = yargs(argv)
    .scriptName('medseed')
    .usage('$0 <command> [options]\n\nDeterministic synthetic healthcare data for PostgreSQL.')
    .command(commands.map(deferred))
    .demandCommand(1, `name a command: ${COMMAND_NAMES} (medseed <command> --help describes each)`)
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .middleware((args) => {
      // Handlers report a non-zero verdict through this callback instead of process.exit,
      // so tests can run main() in-process.
      (args as Record<string, unknown>).setExitCode = (code: number) => {
        exitCode = code;
      };
    })
    .fail((message, error) => {
      // yargs' own errors (a flag without its value, ...) are usage errors; anything else is a bug
      if (error && error.name !== 'YError') throw error;
      const text = message ?? error?.message ?? 'invalid command line';
      usageError ??=
        text === `Unknown argument: ${argv[0]}`
          ? `unknown command "${argv[0]}": the commands are ${COMMAND_NAMES}`
          : describeUsageError(text, session.knownOptions, argv);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    process.stderr.write(`${formatError(error)}\n`);
    return errorExitCode(error);
  }
  const problems = [...(usageError === undefined ? [] : [usageError]), ...findUnparsedNumbers(session.args ?? {}, argv)];
  if (problems.length > 0) return usageFailure(problems.join('\n'));
  if (!session.run) return exitCode; // --help or --version: printed, nothing to run
  try {
    await session.run();
  } catch (error) {
    process.stderr.write(`${formatError(error)}\n`);
    return errorExitCode(error);
  }
  return exitCode;
}
