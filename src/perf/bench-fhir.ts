// npm run bench:fhir [-- --profile ci --runs 3 --workers 0 --rss-profiles ci,baseline]
// FHIR export speed (resources/s, MB/s) beside the COPY export of the same profile, same thread
// count, measured in the same run, and the peak RSS of each. The gate: FHIR may cost at most 3x the
// COPY time per patient (both formats generate the same patients, so per patient is per run).
// Each measurement is a fresh process doing what `medseed generate` does (generate, encode, write
// the files into a scratch folder with each format's default batch size), so its peak RSS is its own.
// The memory sweep then exports growing profiles as FHIR: a streaming export's peak RSS must not
// grow with the volume.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveRunConfig } from '../config/resolve-run-config.js';
import { DEFAULT_BATCH_SIZE, generateChunks } from '../runner/generate-chunks.js';
import { FHIR_BATCH_SIZE, writeFhirFiles } from '../sinks/write-fhir-files.js';
import { writeFiles } from '../sinks/write-files.js';
import { formatRate, median, printTable } from './perf-helpers.js';

const MAX_SLOWDOWN = 3;
const FORMATS = ['copy', 'fhir'] as const;
type Format = (typeof FORMATS)[number];

interface Measurement {
  seconds: number;
  /** Rows for COPY, resources for FHIR. */
  records: number;
  bytes: number;
  patients: number;
  peakRssMb: number;
}

/** The child: one export into a scratch folder, its figures as JSON on stdout. */
async function exportOnce(profile: string, format: Format, workers: number): Promise<Measurement> {
  const config = resolveRunConfig({ profile });
  const out = mkdtempSync(path.join(os.tmpdir(), `medseed-bench-fhir-${format}-`));
  try {
    const started = performance.now();
    const batchSize = format === 'fhir' ? FHIR_BATCH_SIZE : DEFAULT_BATCH_SIZE;
    // as medseed generate does: both writers give each chunk back once its files have it
    const chunks = generateChunks(config, { workers, batchSize, format, returnsChunks: true });
    const figures =
      format === 'fhir'
        ? await writeFhirFiles(config, chunks, out).then((m) => ({ records: m.totalResources, digests: Object.values(m.resources), patients: m.tables.patients.rows }))
        : await writeFiles(config, format, chunks, out).then((m) => ({ records: m.totalRows, digests: Object.values(m.tables), patients: m.tables.patients.rows }));
    const seconds = (performance.now() - started) / 1000;
    const bytes = figures.digests.reduce((sum, digest) => sum + digest.bytes, 0);
    // maxRSS covers the worker threads too: they live in this process
    return { seconds, records: figures.records, bytes, patients: figures.patients, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function measure(profile: string, format: Format, workers: number): Measurement {
  const script = fileURLToPath(import.meta.url);
  const args = [script, '--child', format, '--profile', profile, '--workers', String(workers)];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`bench child (${format}, ${profile}) failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Measurement;
}

const megabytes = (value: number) => `${value.toFixed(0)} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'ci' },
      runs: { type: 'string', default: '3' },
      workers: { type: 'string', default: '0' },
      'rss-profiles': { type: 'string', default: 'ci,baseline' },
      child: { type: 'string' },
    },
  });
  const workers = Math.max(0, Number(values.workers));
  if (values.child !== undefined) {
    process.stdout.write(JSON.stringify(await exportOnce(values.profile, values.child as Format, workers)));
    return;
  }
  const runs = Math.max(1, Number(values.runs));
  const results: Record<Format, Measurement[]> = { copy: [], fhir: [] };
  // alternate the formats, so drift in machine load affects both alike
  for (let run = 0; run < runs; run++) for (const format of FORMATS) results[format].push(measure(values.profile, format, workers));
  const rows = FORMATS.map((format) => {
    const seconds = median(results[format].map((m) => m.seconds));
    const { records, bytes, patients } = results[format][0]!;
    return [
      format,
      String(patients),
      String(records),
      `${seconds.toFixed(2)} s`,
      `${formatRate(records, seconds)} ${format === 'fhir' ? 'resources' : 'rows'}/s`,
      `${(bytes / 1e6 / seconds).toFixed(1)} MB/s`,
      `${((seconds / patients) * 1e3).toFixed(3)} ms`,
      megabytes(Math.max(...results[format].map((m) => m.peakRssMb))),
    ];
  });
  console.log(`profile ${values.profile}, ${workers === 0 ? 'one thread' : `${workers} workers`}, median of ${runs} runs, files written to a scratch folder`);
  printTable(['format', 'patients', 'records', 'time', 'records/s', 'MB/s', 'per patient', 'peak RSS'], rows);
  const ratio = median(results.fhir.map((m) => m.seconds)) / median(results.copy.map((m) => m.seconds));
  console.log(`FHIR / COPY time per patient: ${ratio.toFixed(2)}x (limit ${MAX_SLOWDOWN}x)\n`);
  if (ratio > MAX_SLOWDOWN) process.exitCode = 1;

  const sweep = values['rss-profiles'].split(',').filter(Boolean);
  if (sweep.length === 0) return;
  const sized = sweep.map((profile) => ({ profile, ...(profile === values.profile ? results.fhir[0]! : measure(profile, 'fhir', workers)) }));
  console.log('FHIR export memory by volume (one run each)');
  printTable(
    ['profile', 'patients', 'resources', 'written', 'time', 'peak RSS'],
    sized.map((m) => [m.profile, String(m.patients), String(m.records), megabytes(m.bytes / 1e6), `${m.seconds.toFixed(1)} s`, megabytes(m.peakRssMb)]),
  );
}

await main();
