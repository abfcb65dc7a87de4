import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBenchOutputDir, writeBenchOutput } from '../../src/bench/report/write-bench-output.js';
import { renderBenchHtml } from '../../src/report/html/render-bench-html.js';
import { sampleBenchReport } from './sample-bench-report.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'medseed-bench-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bench --out writes report.html beside bench.json and bench.md', () => {
  it('writes the three files whole, and a second run into the same folder is its own previous output', () => {
    const dir = path.join(scratch, 'out');
    const report = sampleBenchReport({ withBaseline: true });
    const written = writeBenchOutput(dir, report);
    expect(written.problems).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['bench.json', 'bench.md', 'report.html']);
    expect(written.html).toBe(path.join(dir, 'report.html'));
    expect(readFileSync(written.html, 'utf8')).toBe(renderBenchHtml(report));
    expect(() => checkBenchOutputDir(dir, false)).not.toThrow();
    writeBenchOutput(dir, report);
    expect(readdirSync(dir).sort()).toEqual(['bench.json', 'bench.md', 'report.html']);
  });

  it('still refuses a folder of other files, but counts report.html as its own', () => {
    const dir = path.join(scratch, 'mixed');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'bench.json'), '{"format":"medseed-bench/2"}\n');
    writeFileSync(path.join(dir, 'report.html'), '<p>old</p>\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
    expect(() => checkBenchOutputDir(dir, false)).toThrow(/files medseed did not write:\n {2}notes\.txt\nMove them/);
  });
});
