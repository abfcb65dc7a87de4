import type { CommandModule } from 'yargs';
import { connect } from '../../db/connect.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { formatExplain } from '../../own-schema/explain/format-explain.js';
import { loadMapping } from '../../own-schema/mapping/load-mapping.js';
import { prepareMappedTarget } from '../../own-schema/prepare-mapped-target.js';
import { dbOption } from '../db-option.js';
import { deferred } from '../parse/deferred-command.js';

interface ExplainArgs {
  mapping: string;
  db?: string;
}

export const mappingOption = {
  type: 'string',
  describe: 'A mapping file (TypeScript or JavaScript) binding medseed entities to your own tables; see "Seed your own schema" in the README',
  requiresArg: true,
} as const;

const explainCommand: CommandModule<object, ExplainArgs> = {
  command: 'explain',
  describe: 'Print every mapped table and column, where its value comes from and why; exit 2 listing every problem',
  builder: (yargs) => yargs.option('mapping', { ...mappingOption, demandOption: true }).option('db', dbOption).strict() as never,
  handler: async (args) => {
    const { mapping } = await loadMapping(args.mapping);
    const database = await resolveDatabase(args.db, (line) => process.stderr.write(`${line}\n`));
    const client = await connect(database.url);
    try {
      const target = await prepareMappedTarget(client, mapping, args.mapping);
      process.stdout.write(formatExplain(args.mapping, target.catalog.schema, target.tables, target.order, target.untouched));
    } finally {
      await client.end();
    }
  },
};

export const mappingCommand: CommandModule<object, object> = {
  command: 'mapping',
  describe: 'Inspect a mapping onto your own schema (explain)',
  builder: (yargs) => yargs.command(deferred(explainCommand)).demandCommand(1, 'Name a mapping command: explain.'),
  handler: () => undefined,
};
