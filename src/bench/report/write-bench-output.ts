import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchReport } from './bench-report.js';
import { formatBenchMarkdown } from './format-bench-markdown.js';
import { validateBenchJson } from './validate-bench-json.js';

/**
 * Writes bench.json and bench.md into `dir` (created if needed) and returns their paths, with any
 * way the report breaks its documented shape (a bug: the files are written anyway, so a long run
 * is not lost).
 */
export function writeBenchOutput(dir: string, report: BenchReport): { json: string; markdown: string; problems: string[] } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'bench.json');
  const markdown = path.join(dir, 'bench.md');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(json, text);
  writeFileSync(markdown, formatBenchMarkdown(report));
  return { json, markdown, problems: validateBenchJson(JSON.parse(text)) };
}
