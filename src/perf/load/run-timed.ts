import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TimedRun {
  readonly seconds: number;
  /** Peak resident memory of the command, from GNU time; undefined where /usr/bin/time is missing. */
  readonly peakRssMb: number | undefined;
  readonly stdout: string;
}

/**
 * Runs a command to the end and measures its wall time and peak RSS (through /usr/bin/time, which
 * reads the child's rusage: Node cannot). Rejects with the command's last output on a non-zero exit.
 */
export async function runTimed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<TimedRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'medseed-time-'));
  const rssFile = path.join(dir, 'rss');
  try {
    const started = performance.now();
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`)),
      );
    });
    const seconds = (performance.now() - started) / 1000;
    const kilobytes = Number((await readFile(rssFile, 'utf8').catch(() => '')).trim().split('\n').at(-1));
    return { seconds, peakRssMb: Number.isFinite(kilobytes) && kilobytes > 0 ? kilobytes / 1024 : undefined, stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
