import { connect } from '../../db/connect.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { writeMappedFiles } from '../../own-schema/files/write-mapped-files.js';
import { holdsMappedOutput, MAPPED_LOAD_SCRIPT, MAPPED_MANIFEST_FILE, mappedTableFile } from '../../own-schema/files/mapped-output.js';
import { sha256OfFile } from '../../own-schema/load/mapped-runs.js';
import { loadMapping } from '../../own-schema/mapping/load-mapping.js';
import { prepareMappedTarget } from '../../own-schema/prepare-mapped-target.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { checkOutputDir } from '../../sinks/check-output-dir.js';
import { leftByInterruptedGenerate } from '../../sinks/generate-output.js';
import { UsageError } from '../errors.js';
import { toRunConfigInput, type RunConfigArgs } from '../run-config-options.js';

export interface GenerateMappedArgs extends RunConfigArgs {
  mapping?: string;
  db?: string;
  out: string;
  format: string;
  workers: number;
  batchSize?: number;
  json?: boolean;
  force: boolean;
}

/**
 * `generate --mapping FILE --out DIR`: COPY scripts for the user's own tables and a load.sql that
 * loads them with psql. The schema is read from the database (--db), as seed --mapping reads it;
 * every flag, the mapping file and the folder are checked before connecting.
 */
export async function generateThroughMapping(args: GenerateMappedArgs): Promise<void> {
  if (args.format !== 'copy') throw new UsageError(`--format ${args.format}: with --mapping, generate writes COPY scripts for your tables only; leave --format out`);
  if (args.shard !== undefined) throw new UsageError('--shard: not supported with --mapping yet (the load script expects the whole dataset); leave it out');
  const config = resolveRunConfig(toRunConfigInput(args));
  const { mapping, path: mappingPath } = await loadMapping(args.mapping!);
  checkOutputDir(args.out, {
    flag: '--out',
    ownFiles: [...Object.keys(mapping.tables).map(mappedTableFile), MAPPED_LOAD_SCRIPT, MAPPED_MANIFEST_FILE],
    previousOutput: 'a previous medseed generate --mapping output (manifest.json)',
    isPreviousOutput: holdsMappedOutput,
    force: args.force,
  });
  const left = leftByInterruptedGenerate(args.out);
  if (left.length > 0) {
    process.stderr.write(`A previous medseed generate --mapping into ${args.out} did not finish: it left ${left.length} incomplete file(s) (${left.slice(0, 3).join(', ')}${left.length > 3 ? ', ...' : ''}); starting over.\n`);
  }
  const database = await resolveDatabase(args.db, (line) => process.stderr.write(`${line}\n`));
  const client = await connect(database.url);
  let target;
  try {
    target = await prepareMappedTarget(client, mapping, args.mapping!);
  } finally {
    await client.end();
  }
  const started = performance.now();
  const chunks = generateChunks(config, { workers: args.workers, batchSize: args.batchSize ?? 200, format: 'copy', target: { mappingPath, catalog: target.catalog } });
  const manifest = await writeMappedFiles(
    { config, schema: target.catalog.schema, tables: target.tables, order: target.order, mapping: { file: args.mapping!, sha256: await sha256OfFile(mappingPath) } },
    chunks,
    args.out,
  );
  const seconds = (performance.now() - started) / 1000;
  if (args.json) {
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return;
  }
  for (const [name, table] of Object.entries(manifest.tables)) process.stdout.write(`${name.padEnd(28)} ${String(table.rows).padStart(10)} rows  ${table.sha256.slice(0, 16)}\n`);
  process.stdout.write(`${manifest.totalRows} rows in ${seconds.toFixed(2)} s -> ${args.out} (load with: psql URL -f ${args.out}/load.sql)\n`);
}
