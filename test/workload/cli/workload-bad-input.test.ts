import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../../support/closed-port.js';
import { medseedSync } from '../../support/medseed-sync.js';

// Every bad flag, file and destination is refused with exit 2 and a message naming it, before any
// server is reached: --db points at a closed port, so reaching it would say "cannot reach" instead.
describe('medseed workload refuses bad input before it connects', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-workload-bad-'));
  const file = path.join(dir, 'a-file');
  writeFileSync(file, 'x');
  const badMix = path.join(dir, 'mix.json');
  writeFileSync(badMix, JSON.stringify({ clinician: { patient_timelin: 1, tenant_activity_largest: 2, note_saved: -1 }, thresholds: { note_saved: { p95: 3 } }, colour: 'red' }));

  it.each([
    [['--users', '0'], /--users: give a number of users from 1 to 1000/],
    [['--users', '8,4'], /a sweep must go up/],
    [['--duration', '0'], /--duration: must be a number from 1/],
    [['--rate', '5', '--think-time', '10'], /give one of them/],
    [['--mix', path.join(dir, 'none.json')], /--mix .*none.json: cannot read the workload mix \(no such file\)/],
    [['--mix', badMix], /^(?=[\s\S]*patient_timelin: no such operation)(?=[\s\S]*tenant_activity_largest: is an administrator's operation)(?=[\s\S]*note_saved: weight must be a number > 0)(?=[\s\S]*thresholds.note_saved.p95: unknown key)(?=[\s\S]*colour: unknown key)/],
    [['--max-p95', 'nope=5'], /--max-p95 nope=5: no operation "nope"/],
    [['--max-error-rate', '2'], /--max-error-rate 2: expected \[name=\]rate with a rate from 0 to 1/],
    [['--out', file], /--out/],
    [['--history', file], /--history .*a-file: is a file/],
    [['--label', 'x'], /--label names a run in the history: give --history DIR too/],
    [['--bench', path.join(dir, 'missing.json')], /missing.json/],
    [['--undo', '0'], /--undo: give a workload run id/],
    [['--userz', '4'], /userz/],
    [['--users'], /users/],
  ])('%j', async (args, message) => {
    const port = await closedPort();
    const result = medseedSync('workload', '--db', `postgres://medseed@127.0.0.1:${port}/medseed`, ...(args as string[]));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr).not.toMatch(/cannot reach|\n\s+at /);
  });
});
