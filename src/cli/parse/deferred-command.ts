import type { Argv, CommandModule } from 'yargs';

/** What one parse found: the chosen command's action and flags, and the flags it knows. */
export interface ParseSession {
  knownOptions: string[];
  args?: Record<string, unknown>;
  run?: () => Promise<void>;
}

let session: ParseSession = { knownOptions: [] };

/** Starts a parse; main() is not re-entrant, so one session at a time is enough. */
export function beginParse(): ParseSession {
  session = { knownOptions: [] };
  return session;
}

/**
 * Wraps a command so that yargs only records it: yargs calls a command's handler before it has
 * finished validating (an unknown flag is reported after the handler ran), so handlers must not
 * act during the parse. main() runs the recorded action once the whole command line is valid.
 */
export function deferred<T, U>(module: CommandModule<T, U>): CommandModule<T, U> {
  return {
    ...module,
    builder: (yargs: Argv<T>) => {
      const builder = module.builder;
      const built = (typeof builder === 'function' ? builder(yargs) : yargs.options(builder ?? {})) as Argv<U>;
      // getOptions() is public at run time but missing from @types/yargs
      session.knownOptions = Object.keys((built as unknown as { getOptions(): { key: object } }).getOptions().key);
      return built;
    },
    handler: (args) => {
      session.args = args as Record<string, unknown>;
      session.run = async () => {
        await module.handler(args);
      };
    },
  } as CommandModule<T, U>;
}
