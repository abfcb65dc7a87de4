import yargs from 'yargs';
import { commands } from './commands/index.js';
import { errorExitCode, formatError } from './errors.js';

/** Runs the medseed CLI with the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let usageError: string | undefined;
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('medseed')
    .usage('$0 <command> [options]\n\nDeterministic synthetic healthcare data for PostgreSQL.')
    .command(commands)
    .demandCommand(1, 'Name a command: see the list above.')
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
      if (error) throw error;
      usageError = message;
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    process.stderr.write(`${formatError(error)}\n`);
    return errorExitCode(error);
  }
  if (usageError !== undefined) {
    process.stderr.write(`Error: ${usageError}\nRun "medseed --help" or "medseed <command> --help" for usage.\n`);
    return 2;
  }
  return exitCode;
}
