import type { CommandModule } from 'yargs';
import { connect } from '../../db/connect.js';
import { applyMigrations } from '../../db/migrations/apply-migrations.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { dbOption } from '../db-option.js';

interface MigrateArgs {
  db?: string;
}

export const migrateCommand: CommandModule<object, MigrateArgs> = {
  command: 'migrate',
  describe: 'Apply pending schema migrations (tables, RLS policies, indexes); safe to run twice',
  builder: (yargs) => yargs.option('db', dbOption).strict(),
  handler: async (args) => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const database = await resolveDatabase(args.db, log);
    const client = await connect(database.url);
    try {
      const applied = await applyMigrations(client, { log });
      process.stdout.write(
        applied.length === 0
          ? `Schema is up to date (${redactUrl(database.url)}).\n`
          : `Applied ${applied.length} migration(s) to ${redactUrl(database.url)}: ${applied.join(', ')}\n`,
      );
    } finally {
      await client.end();
    }
  },
};
