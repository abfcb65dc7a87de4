import { EmbeddedNotRunningError, InvalidEmbeddedOptionError } from '../../db/embedded/embedded-errors.js';
import { RuntimeError, UsageError } from '../errors.js';

/** Maps embedded-server errors to the CLI's exit codes, keeping the original as cause. */
export async function wrapEmbeddedErrors<T>(summary: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidEmbeddedOptionError) throw new UsageError(summary, { cause: error });
    if (error instanceof EmbeddedNotRunningError) throw new RuntimeError('The embedded PostgreSQL server is not running.', { cause: error });
    throw new RuntimeError(summary, { cause: error });
  }
}
