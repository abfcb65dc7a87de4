import type { CommandModule } from 'yargs';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../encoders/index.js';
import { generateChunks } from '../../runner/generate-chunks.js';
import { checkOutputDir } from '../../sinks/check-output-dir.js';
import { GENERATE_FILE_NAMES, holdsGenerateOutput, isGenerateFileName, leftByInterruptedGenerate } from '../../sinks/generate-output.js';
import { DEFAULT_FHIR_PART_RESOURCES, FHIR_BATCH_SIZE, writeFhirFiles } from '../../sinks/write-fhir-files.js';
import { UsageError } from '../errors.js';
import { dbOption } from '../db-option.js';
import { mappingOption } from './mapping.js';
import { generateThroughMapping } from './generate-through-mapping.js';
import { writeFiles } from '../../sinks/write-files.js';
import { toRunConfigInput, withRunConfigOptions, type RunConfigArgs } from '../run-config-options.js';
import { DEFAULT_BATCH_SIZE } from '../../runner/generate-chunks.js';
import { parallelismOptions, validateParallelism } from '../parallelism-options.js';

interface GenerateArgs extends RunConfigArgs {
  out: string;
  format: OutputFormat;
  workers: number;
  /** Unset means the format's default: FHIR chunks are larger, so fewer patients per chunk. */
  batchSize?: number;
  json?: boolean;
  force: boolean;
  fhirPartResources: number;
  mapping?: string;
  db?: string;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'Write the dataset to files: one per table (COPY-format SQL or CSV) or per FHIR resource type (NDJSON), plus manifest.json',
  builder: (yargs) =>
    withRunConfigOptions(yargs)
      .option('out', { type: 'string', demandOption: true, describe: 'Output directory: new, empty, or a previous generate output (created if missing)', requiresArg: true })
      .option('format', {
        choices: OUTPUT_FORMATS,
        default: 'copy' as OutputFormat,
        describe: 'copy: COPY-format SQL files psql can load; csv: RFC 4180 with header; fhir: FHIR R4 Bulk Data NDJSON per resource type with bulk-manifest.json',
      })
      .option('shard', { type: 'string', describe: 'Generate only slice K of N (contiguous patient ranges), e.g. 2/4', requiresArg: true })
      .option('fhir-part-resources', {
        type: 'number',
        default: DEFAULT_FHIR_PART_RESOURCES,
        describe: 'With --format fhir: resources per NDJSON part (Observation.000.ndjson, .001, ...); the same for any --workers or --batch-size',
        requiresArg: true,
      })
      .options({
        ...parallelismOptions,
        'batch-size': {
          ...parallelismOptions['batch-size'],
          default: undefined,
          describe: `${parallelismOptions['batch-size'].describe} (default ${DEFAULT_BATCH_SIZE}, ${FHIR_BATCH_SIZE} with --format fhir)`,
        },
      })
      .option('json', { type: 'boolean', describe: 'Print the manifest on stdout' })
      .option('mapping', mappingOption)
      .option('db', { ...dbOption, describe: `With --mapping: the database whose schema the mapping binds to. ${dbOption.describe}` })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: "Write into a folder that holds other files: files named like medseed's are replaced, nothing else is changed or deleted",
      })
      .example('$0 generate --profile baseline --out out/baseline', 'COPY files for psql, manifest with checksums')
      .example('$0 generate --profile ci --format fhir --out out/fhir', "FHIR R4 NDJSON for a server's $import")
      .strict() as never,
  handler: async (args) => {
    if (args.mapping !== undefined) {
      validateParallelism({ workers: args.workers, batchSize: args.batchSize ?? DEFAULT_BATCH_SIZE });
      return generateThroughMapping(args);
    }
    if (args.db !== undefined) throw new UsageError('--db: generate reads a database only with --mapping (to bind your schema); leave it out');
    const batchSize = args.batchSize ?? (args.format === 'fhir' ? FHIR_BATCH_SIZE : DEFAULT_BATCH_SIZE);
    validateParallelism({ workers: args.workers, batchSize });
    if (!Number.isInteger(args.fhirPartResources) || args.fhirPartResources < 1) {
      throw new UsageError(`--fhir-part-resources: must be an integer >= 1, got ${args.fhirPartResources}`);
    }
    const config = resolveRunConfig(toRunConfigInput(args));
    checkOutputDir(args.out, {
      flag: '--out',
      ownFiles: GENERATE_FILE_NAMES,
      isOwnFile: isGenerateFileName,
      previousOutput: 'a previous medseed generate output (manifest.json)',
      isPreviousOutput: holdsGenerateOutput,
      force: args.force,
    });
    const left = leftByInterruptedGenerate(args.out);
    if (left.length > 0) {
      process.stderr.write(`A previous medseed generate into ${args.out} did not finish: it left ${left.length} incomplete file(s) (${left.slice(0, 3).join(', ')}${left.length > 3 ? ', ...' : ''}); starting over.\n`);
    }
    const started = performance.now();
    // Both writers give each chunk back once its files have the bytes.
    const chunks = generateChunks(config, { workers: args.workers, batchSize, format: args.format, returnsChunks: true });
    // FHIR files hold resources per type, the other formats rows per table: one report for both
    const written =
      args.format === 'fhir'
        ? await writeFhirFiles(config, chunks, args.out, args.fhirPartResources).then((manifest) => ({ manifest, unit: 'resources', counts: manifest.resources, total: manifest.totalResources }))
        : await writeFiles(config, args.format, chunks, args.out).then((manifest) => ({ manifest, unit: 'rows', counts: manifest.tables, total: manifest.totalRows }));
    const seconds = (performance.now() - started) / 1000;
    if (args.json) {
      process.stdout.write(`${JSON.stringify(written.manifest, null, 2)}\n`);
      return;
    }
    for (const [name, digest] of Object.entries(written.counts) as [string, { rows: number; sha256: string }][]) {
      process.stdout.write(`${name.padEnd(18)} ${String(digest.rows).padStart(10)} ${written.unit}  ${digest.sha256.slice(0, 16)}\n`);
    }
    process.stdout.write(
      `${written.total} ${written.unit} in ${seconds.toFixed(2)} s (${Math.round(written.total / seconds)} ${written.unit}/s) -> ${args.out}\n`,
    );
  },
};

