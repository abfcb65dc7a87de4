// npm run bench:rss [-- --profile 10x --runs 1 --db URL --seed-args "--workers 1" --node-args "--trace-gc" --memory-log]
// The peak resident memory of `medseed seed` (main thread, generation workers and every buffer of
// the process), sampled from /proc every 0.5 s and labelled with the phase the seed's own progress
// lines announce, so a peak can be pinned to generate+copy or to the index builds. Each run seeds a
// scratch database (created, then dropped) on the server of --db, by default this checkout's
// embedded server (`medseed db start` first). --memory-log sets MEDSEED_MEMORY_LOG=1, so the seed
// prints what holds its memory (heap, external, ArrayBuffers, worker heaps) and those lines are kept.
// Memory only: other processes share the cores, so the throughput printed is a sanity check, not a timing.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../package-root.js';
import { sampleProcessMemory, type MemorySample } from './load/sample-process-memory.js';
import { createScratchDatabase, dropScratchDatabase, median, printTable } from './perf-helpers.js';

const cli = path.join(packageRoot(), 'bin', 'medseed.js');

interface RssRun {
  readonly samples: readonly MemorySample[];
  readonly hwmMb: number | undefined;
  /** The seed's own figures from --json. */
  readonly summary: { peakRssMegabytes: number; rowsPerSecond: number; timings: Record<string, number>; manifest: { totalRows: number } };
  readonly memoryLog: readonly string[];
}

function embeddedUrl(): string {
  const result = spawnSync(process.execPath, [cli, 'db', 'url'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`no --db and no embedded server: run "node bin/medseed.js db start" first (${result.stderr.trim()})`);
  return result.stdout.trim();
}

/** Runs one seed, sampling its RSS; the phase is the last `[phase]` tag its stderr printed. */
async function measureSeed(url: string, profile: string, seedArgs: string[], nodeArgs: string[], memoryLog: boolean): Promise<RssRun> {
  const env = { ...process.env, ...(memoryLog ? { MEDSEED_MEMORY_LOG: '1' } : {}) };
  const child = spawn(process.execPath, [...nodeArgs, cli, 'seed', '--db', url, '--profile', profile, '--json', ...seedArgs], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let phase = 'starting';
  const sampler = sampleProcessMemory(child.pid as number, () => phase);
  let stdout = '';
  let pending = '';
  let tail = '';
  const log: string[] = [];
  child.stdout.on('data', (data: Buffer) => (stdout += data));
  child.stderr.on('data', (data: Buffer) => {
    tail = (tail + data).slice(-4000);
    const lines = (pending + data).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const tag = /^\[([a-z+]+)\]/.exec(line)?.[1];
      if (tag && tag !== 'memory' && !line.includes('] done in')) phase = tag;
      if (line.startsWith('[memory]')) log.push(`${phase.padEnd(13)} ${line}`);
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const { samples, hwmMb } = await sampler.stop();
  if (code !== 0) throw new Error(`medseed seed exited ${code}: ${tail}`);
  return { samples, hwmMb, summary: JSON.parse(stdout) as RssRun['summary'], memoryLog: log };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: '10x' },
      runs: { type: 'string', default: '1' },
      db: { type: 'string' },
      'seed-args': { type: 'string', default: '' },
      'node-args': { type: 'string', default: '' },
      'memory-log': { type: 'boolean', default: false },
    },
  });
  const split = (text: string) => text.split(/\s+/).filter(Boolean);
  // named per process, so two measurements can share a server
  const name = `medseed_bench_rss_${process.pid}`;
  const scratch = await createScratchDatabase(values.db ?? embeddedUrl(), name);
  const rows: string[][] = [];
  try {
    for (let run = 1; run <= Number(values.runs); run++) {
      const measured = await measureSeed(scratch, values.profile, split(values['seed-args']), split(values['node-args']), values['memory-log']);
      await createScratchDatabase(scratch, name);
      for (const line of measured.memoryLog) process.stdout.write(`${line}\n`);
      const peak = measured.samples.reduce((best, s) => (s.rssMb > best.rssMb ? s : best), { seconds: 0, rssMb: 0, label: '-' });
      const p50 = (label: string) => {
        const rss = measured.samples.filter((s) => s.label === label).map((s) => s.rssMb);
        return rss.length ? median(rss).toFixed(0) : '-';
      };
      const { summary } = measured;
      rows.push([
        `${values.profile} #${run}`,
        peak.rssMb.toFixed(0),
        `${peak.label} @${peak.seconds.toFixed(0)} s`,
        p50('generate+copy'),
        p50('indexes'),
        measured.hwmMb?.toFixed(0) ?? '-',
        summary.peakRssMegabytes.toFixed(0),
        `${Math.round(summary.manifest.totalRows / summary.timings['generate+copy']! / 1000)}k`,
        `${Math.round(summary.rowsPerSecond / 1000)}k`,
      ]);
    }
  } finally {
    await dropScratchDatabase(scratch);
  }
  printTable(['run', 'peak MB', 'phase at peak', 'p50 copy', 'p50 index', 'VmHWM', 'seed maxRSS', 'copy rows/s', 'rows/s'], rows);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
