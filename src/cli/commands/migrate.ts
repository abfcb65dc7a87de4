import type { CommandModule } from 'yargs';
import { connect } from '../../db/connect.js';
import { LockTimeoutError } from '../../db/lock-timeout-error.js';
import { isLockTimeout, withLockTimeout } from '../../db/lock-timeout.js';
import { assertCanSetLeakproofSearch, describeLeakproofChange, setLeakproofSearch } from '../../db/leakproof-search.js';
import { applyMigrations } from '../../db/migrations/apply-migrations.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { watchLockWaits } from '../../db/watch-lock-waits.js';
import { dbOption } from '../db-option.js';
import { RuntimeError } from '../errors.js';
import { leakproofSearchOption } from '../leakproof-search-option.js';
import { lockTimeoutOption, validateLockTimeout } from '../lock-timeout-option.js';

interface MigrateArgs {
  db?: string;
  leakproofSearch?: boolean;
  lockTimeout: number;
}

export const migrateCommand: CommandModule<object, MigrateArgs> = {
  command: 'migrate',
  describe: 'Apply pending schema migrations (tables, RLS policies, indexes) in one transaction; safe to run twice',
  builder: (yargs) =>
    yargs
      .option('db', dbOption)
      .option('leakproof-search', leakproofSearchOption)
      .option('lock-timeout', lockTimeoutOption)
      .example('$0 migrate --db postgres://me@localhost/app', 'Create medseed\'s schema in your own database')
      .strict() as never,
  handler: async (args) => {
    validateLockTimeout(args.lockTimeout);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const choice = args.leakproofSearch;
    const database = await resolveDatabase(args.db, log);
    const client = await connect(withLockTimeout(database.url, args.lockTimeout));
    // A migration blocked behind another session's lock says so instead of pausing silently.
    const watch = await watchLockWaits(database.url, { report: log, lockTimeoutSeconds: args.lockTimeout });
    try {
      if (choice !== undefined) await assertCanSetLeakproofSearch(client, choice);
      // Deciding now makes the note about an earlier medseed's LEAKPROOF mark moot.
      const applied = await applyMigrations(client, { log, onNotice: choice === undefined ? log : () => undefined });
      process.stdout.write(
        applied.length === 0
          ? `Schema is up to date (${redactUrl(database.url)}).\n`
          : `Applied ${applied.length} migration(s) to ${redactUrl(database.url)}: ${applied.join(', ')}\n`,
      );
      if (choice !== undefined) {
        process.stdout.write(`${describeLeakproofChange(choice, await setLeakproofSearch(client, choice))}\n`);
      }
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      if (!isLockTimeout(cause)) throw error;
      // All pending migrations run in one transaction: a lock timeout rolls back every one of them.
      const message = (error as Error).message.replace(/\.?$/, '');
      const unchanged = /Nothing was changed/.test(message) ? '' : ' Nothing was changed.';
      throw new RuntimeError(`${message}: ${new LockTimeoutError(args.lockTimeout, watch.lastWait(), cause).message}.${unchanged}`, { cause });
    } finally {
      await watch.stop();
      await client.end();
    }
  },
};
