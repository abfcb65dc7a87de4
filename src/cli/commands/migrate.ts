import type { CommandModule } from 'yargs';
import { connect } from '../../db/connect.js';
import { LockTimeoutError } from '../../db/lock-timeout-error.js';
import { isLockTimeout, withLockTimeout } from '../../db/lock-timeout.js';
import { applyMigrations } from '../../db/migrations/apply-migrations.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { watchLockWaits } from '../../db/watch-lock-waits.js';
import { dbOption } from '../db-option.js';
import { RuntimeError } from '../errors.js';
import { lockTimeoutOption, validateLockTimeout } from '../lock-timeout-option.js';

interface MigrateArgs {
  db?: string;
  lockTimeout: number;
}

export const migrateCommand: CommandModule<object, MigrateArgs> = {
  command: 'migrate',
  describe: 'Apply pending schema migrations (tables, RLS policies, indexes); safe to run twice',
  builder: (yargs) => yargs.option('db', dbOption).option('lock-timeout', lockTimeoutOption).strict() as never,
  handler: async (args) => {
    validateLockTimeout(args.lockTimeout);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const database = await resolveDatabase(args.db, log);
    const client = await connect(withLockTimeout(database.url, args.lockTimeout));
    // A migration blocked behind another session's lock says so instead of pausing silently.
    const watch = await watchLockWaits(database.url, { report: log, lockTimeoutSeconds: args.lockTimeout });
    try {
      const applied = await applyMigrations(client, { log });
      process.stdout.write(
        applied.length === 0
          ? `Schema is up to date (${redactUrl(database.url)}).\n`
          : `Applied ${applied.length} migration(s) to ${redactUrl(database.url)}: ${applied.join(', ')}\n`,
      );
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      if (!isLockTimeout(cause)) throw error;
      // Each migration is one transaction: the one that waited was rolled back, earlier ones are kept.
      const undone = /^migration \S+ failed/.test((error as Error).message) ? 'That migration was rolled back' : 'No migration was applied';
      throw new RuntimeError(`${(error as Error).message}: ${new LockTimeoutError(args.lockTimeout, watch.lastWait(), cause).message}. ${undone}.`, { cause });
    } finally {
      await watch.stop();
      await client.end();
    }
  },
};
