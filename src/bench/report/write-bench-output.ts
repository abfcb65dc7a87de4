import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkOutputDir } from '../../sinks/check-output-dir.js';
import { BENCH_FORMAT, type BenchReport } from './bench-report.js';
import { renderBenchHtml } from '../../report/html/render-bench-html.js';
import { formatBenchMarkdown } from './format-bench-markdown.js';
import { validateBenchJson } from './validate-bench-json.js';

const BENCH_JSON = 'bench.json';
const BENCH_MD = 'bench.md';
const BENCH_HTML = 'report.html';

/**
 * Checks `bench --out DIR` before the bench runs, so a long run is never lost to a bad destination:
 * throws UsageError unless DIR is new, empty, or a previous bench output (bench.json), or force is set.
 */
export function checkBenchOutputDir(dir: string, force: boolean): void {
  checkOutputDir(dir, {
    flag: '--out',
    ownFiles: [BENCH_JSON, BENCH_MD, BENCH_HTML],
    previousOutput: `a previous medseed bench output (${BENCH_JSON})`,
    isPreviousOutput: holdsBenchOutput,
    force,
  });
}

/**
 * Writes bench.json, bench.md and report.html into `dir` (created if needed) and returns their paths, with any
 * way the report breaks its documented shape (a bug: the files are written anyway, so a long run
 * is not lost). Each file is written under a temporary name and renamed, so neither is ever half written.
 */
export function writeBenchOutput(dir: string, report: BenchReport): { json: string; markdown: string; html: string; problems: string[] } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, BENCH_JSON);
  const markdown = path.join(dir, BENCH_MD);
  const html = path.join(dir, BENCH_HTML);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  writeAtomically(json, text);
  writeAtomically(markdown, formatBenchMarkdown(report));
  writeAtomically(html, renderBenchHtml(report));
  return { json, markdown, html, problems: validateBenchJson(JSON.parse(text)) };
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.partial`, text);
  renameSync(`${file}.partial`, file);
}

// bench.json of a long run is a few megabytes at most.
const MAX_BENCH_JSON_BYTES = 256 << 20;

/** True when dir holds a bench.json that medseed wrote (any version of its format). */
function holdsBenchOutput(dir: string): boolean {
  const file = path.join(dir, BENCH_JSON);
  try {
    if (statSync(file).size > MAX_BENCH_JSON_BYTES) return false;
    const value = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown };
    return typeof value.format === 'string' && value.format.startsWith(BENCH_FORMAT.split('/')[0]! + '/');
  } catch {
    return false;
  }
}
