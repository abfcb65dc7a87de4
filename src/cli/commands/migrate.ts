import type { CommandModule } from 'yargs';
import { connect } from '../../db/connect.js';
import { assertCanSetLeakproofSearch, describeLeakproofChange, setLeakproofSearch } from '../../db/leakproof-search.js';
import { applyMigrations } from '../../db/migrations/apply-migrations.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { dbOption } from '../db-option.js';
import { leakproofSearchOption } from '../leakproof-search-option.js';

interface MigrateArgs {
  db?: string;
  leakproofSearch?: boolean;
}

export const migrateCommand: CommandModule<object, MigrateArgs> = {
  command: 'migrate',
  describe: 'Apply pending schema migrations (tables, RLS policies, indexes) in one transaction; safe to run twice',
  builder: (yargs) =>
    yargs
      .option('db', dbOption)
      .option('leakproof-search', leakproofSearchOption)
      .example('$0 migrate --db postgres://me@localhost/app', 'Create medseed\'s schema in your own database')
      .strict(),
  handler: async (args) => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const choice = args.leakproofSearch;
    const database = await resolveDatabase(args.db, log);
    const client = await connect(database.url);
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
    } finally {
      await client.end();
    }
  },
};
