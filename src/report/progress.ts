import { TABLE_NAMES, type TableName } from '../tables/table-specs.js';

export interface ProgressOptions {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  readonly totalPatients: number;
  readonly quiet?: boolean;
}

function rate(count: number, seconds: number): string {
  const perSecond = seconds > 0 ? count / seconds : 0;
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)}M/s` : `${Math.round(perSecond / 1000)}k/s`;
}

/**
 * Progress on stderr: per-table rows and rates with an ETA during generate+copy, and the phase.
 * On a terminal one block is redrawn every second; elsewhere (CI logs) a plain line every 5 s.
 */
export function createProgress(options: ProgressOptions) {
  const { out, totalPatients } = options;
  const tty = out.isTTY === true;
  const rows = new Map<TableName, number>(TABLE_NAMES.map((t) => [t, 0]));
  let patientsDone = 0;
  let phase = 'starting';
  let phaseStarted = performance.now();
  let lastPrint = 0;
  let drawnLines = 0;
  // What a phase other than generate+copy says it is doing (e.g. which indexes are being built).
  let status: string | undefined;

  const render = (): string[] => {
    const seconds = (performance.now() - phaseStarted) / 1000;
    if (phase !== 'generate+copy') return [status ?? `[${phase}] started`];
    const fraction = totalPatients > 0 ? patientsDone / totalPatients : 1;
    const eta = fraction > 0 ? (seconds / fraction - seconds).toFixed(0) : '?';
    const total = [...rows.values()].reduce((a, b) => a + b, 0);
    const head = `[generate+copy] ${(fraction * 100).toFixed(0)}% of patients, ${total} rows, ${rate(total, seconds)}, ETA ${eta} s`;
    if (!tty) return [head];
    return [head, ...[...rows].map(([table, count]) => `  ${table.padEnd(18)} ${String(count).padStart(11)}  ${rate(count, seconds)}`)];
  };

  const print = (force = false) => {
    if (options.quiet) return;
    const now = performance.now();
    if (!force && now - lastPrint < (tty ? 1000 : 5000)) return;
    lastPrint = now;
    const lines = render();
    if (tty && drawnLines > 0) out.write(`\x1b[${drawnLines}A\x1b[0J`);
    out.write(`${lines.join('\n')}\n`);
    drawnLines = tty ? lines.length : 0;
  };

  return {
    phase(name: string) {
      if (phase !== 'starting') {
        if (phase === 'generate+copy') print(true);
        if (!options.quiet) out.write(`[${phase}] done in ${((performance.now() - phaseStarted) / 1000).toFixed(1)} s\n`);
      }
      phase = name;
      status = undefined;
      phaseStarted = performance.now();
      drawnLines = 0;
      print(true);
    },
    rows(counts: Record<TableName, number>, patients: number) {
      for (const [table, count] of Object.entries(counts) as [TableName, number][]) rows.set(table, rows.get(table)! + count);
      patientsDone += patients;
      print();
    },
    /** The current phase's own progress line, redrawn (terminal) or repeated every 5 s (logs). */
    status(text: string) {
      status = text;
      print();
    },
    line(text: string) {
      if (options.quiet) return;
      out.write(`${text}\n`);
      drawnLines = 0;
    },
  };
}
