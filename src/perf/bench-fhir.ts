// npm run bench:fhir [-- --profile ci --runs 3 --workers 0]
// FHIR NDJSON generation speed (resources/s, MB/s) beside COPY text generation of the same
// profile, same thread count, measured in the same run. The gate: FHIR may cost at most 3x the
// COPY time per patient (both formats generate the same patients, so per patient is per run).
import { parseArgs } from 'node:util';
import { resolveRunConfig, type RunConfig } from '../config/resolve-run-config.js';
import type { OutputFormat } from '../encoders/index.js';
import { chunkBuffers } from '../runner/binary-chunk.js';
import { generateChunks } from '../runner/generate-chunks.js';
import { formatRate, median, printTable } from './perf-helpers.js';

const MAX_SLOWDOWN = 3;

interface Measurement {
  seconds: number;
  /** Rows for COPY, resources for FHIR. */
  records: number;
  bytes: number;
  patients: number;
}

async function measure(config: RunConfig, format: OutputFormat, workers: number): Promise<Measurement> {
  let records = 0;
  let bytes = 0;
  let patients = 0;
  const started = performance.now();
  for await (const chunk of generateChunks(config, { workers, batchSize: 200, format })) {
    patients += chunk.rows.patients;
    records += chunk.fhir ? Object.values(chunk.fhir.counts).reduce((a, b) => a + b, 0) : Object.values(chunk.rows).reduce((a, b) => a + b, 0);
    bytes += chunkBuffers(chunk).reduce((sum, data) => sum + data.byteLength, 0);
  }
  return { seconds: (performance.now() - started) / 1000, records, bytes, patients };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'ci' },
      runs: { type: 'string', default: '3' },
      workers: { type: 'string', default: '0' },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  const workers = Math.max(0, Number(values.workers));
  const config = resolveRunConfig({ profile: values.profile });
  const results: Record<'copy' | 'fhir', Measurement[]> = { copy: [], fhir: [] };
  // alternate the formats, so drift in machine load affects both alike
  for (let run = 0; run < runs; run++) {
    results.copy.push(await measure(config, 'copy', workers));
    results.fhir.push(await measure(config, 'fhir', workers));
  }
  const rows = (['copy', 'fhir'] as const).map((format) => {
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
    ];
  });
  console.log(`profile ${values.profile}, ${workers === 0 ? 'one thread' : `${workers} workers`}, median of ${runs} runs`);
  printTable(['format', 'patients', 'records', 'time', 'records/s', 'MB/s', 'per patient'], rows);
  const ratio = median(results.fhir.map((m) => m.seconds)) / median(results.copy.map((m) => m.seconds));
  console.log(`FHIR / COPY time per patient: ${ratio.toFixed(2)}x (limit ${MAX_SLOWDOWN}x)`);
  if (ratio > MAX_SLOWDOWN) process.exitCode = 1;
}

await main();
