import { UsageError } from '../../cli/errors.js';

/** The three files that bench a user's own schema, as given on the command line. */
export interface OwnSchemaFiles {
  readonly mapping: string;
  readonly queries: string;
  readonly session: string;
}

const FLAGS = { mapping: '--mapping FILE', queries: '--queries DIR', session: '--session FILE' } as const;

/**
 * --mapping, --queries and --session go together: the mapping says what the data is, the queries
 * what to run, the session how the application becomes a user. Undefined when none is given (the
 * reference schema); a usage error naming the missing ones when only some are.
 */
export function ownSchemaFiles(args: { mapping?: string | undefined; queries?: string | undefined; session?: string | undefined }): OwnSchemaFiles | undefined {
  const keys = Object.keys(FLAGS) as (keyof typeof FLAGS)[];
  const given = keys.filter((key) => args[key] !== undefined);
  if (given.length === 0) return undefined;
  const missing = keys.filter((key) => args[key] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `${given.map((key) => `--${key}`).join(' and ')} ${given.length > 1 ? 'need' : 'needs'} ${missing.map((key) => FLAGS[key]).join(' and ')}: ` +
        'benching your own schema takes all three (the mapping it was seeded through, your query catalog, and the session file your application runs per transaction)',
    );
  }
  return { mapping: args.mapping!, queries: args.queries!, session: args.session! };
}
