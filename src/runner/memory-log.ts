/**
 * MEDSEED_MEMORY_LOG=1: a `[memory]` line on stderr every 2 s saying what holds the process's
 * memory: the main thread's V8 heap, its external memory and ArrayBuffers (chunks received from
 * workers), plus gauges other stages report (worker heaps, bytes queued for COPY). Off by default,
 * and then free: every call returns at once. For `npm run bench:rss -- --memory-log`.
 */
const enabled = process.env.MEDSEED_MEMORY_LOG === '1';
const gauges = new Map<string, number>();
let timer: NodeJS.Timeout | undefined;

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

function print(): void {
  const usage = process.memoryUsage();
  const main = `rss ${mb(usage.rss)} heap ${mb(usage.heapUsed)}/${mb(usage.heapTotal)} external ${mb(usage.external)} arrayBuffers ${mb(usage.arrayBuffers)}`;
  const rest = [...gauges].map(([name, bytes]) => `${name} ${mb(bytes)}`).join(' ');
  process.stderr.write(`[memory] ${main}${rest ? ` | ${rest}` : ''} (MB)\n`);
}

export const memoryLog = {
  enabled,
  /** Sets a named gauge, in bytes, printed with the next line; starts the periodic line. */
  gauge(name: string, bytes: number): void {
    if (!enabled) return;
    gauges.set(name, bytes);
    if (!timer) {
      timer = setInterval(print, 2000);
      timer.unref();
    }
  },
  /** Drops the gauges whose name starts with `prefix` (e.g. a terminated worker's). */
  drop(prefix: string): void {
    for (const name of gauges.keys()) if (name.startsWith(prefix)) gauges.delete(name);
  },
};
