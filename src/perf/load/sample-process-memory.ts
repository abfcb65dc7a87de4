import { readFile } from 'node:fs/promises';

/** One reading of a process's resident memory, with what the process was doing then. */
export interface MemorySample {
  readonly seconds: number;
  readonly rssMb: number;
  readonly label: string;
}

export interface MemorySampler {
  /** Stops sampling; resolves with every sample and the kernel's high-water mark (VmHWM) last read. */
  stop(): Promise<{ readonly samples: readonly MemorySample[]; readonly hwmMb: number | undefined }>;
}

/** VmRSS and VmHWM from /proc/<pid>/status, in MB; undefined once the process is gone. */
async function readStatus(pid: number): Promise<{ rssMb: number; hwmMb: number } | undefined> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  const rss = kilobytes('VmRSS');
  const hwm = kilobytes('VmHWM');
  return Number.isFinite(rss) ? { rssMb: rss / 1024, hwmMb: hwm / 1024 } : undefined;
}

/**
 * Reads a process's resident memory (all its threads: Linux accounts it per process) every
 * `intervalMs`, labelling each sample with `label()` (e.g. the phase its progress lines announced).
 * Linux only: it reads /proc. The peak between two samples is only seen through VmHWM.
 */
export function sampleProcessMemory(pid: number, label: () => string, intervalMs = 500): MemorySampler {
  const started = performance.now();
  const samples: MemorySample[] = [];
  let hwmMb: number | undefined;
  let reading: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    reading = readStatus(pid).then((status) => {
      if (!status) return;
      hwmMb = status.hwmMb;
      samples.push({ seconds: (performance.now() - started) / 1000, rssMb: status.rssMb, label: label() });
    });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await reading;
      return { samples, hwmMb };
    },
  };
}
