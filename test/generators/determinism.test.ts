import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/tables/table-specs.js';
import { generateDigests, generateText } from '../support/generate-in-memory.js';

const small = { profile: 'ci', patients: 60, seed: '7' };

describe('determinism', () => {
  it('gives the same checksums for any worker count and batch size', async () => {
    const inline = await generateDigests(small, { workers: 0, batchSize: 200 });
    const oneWorker = await generateDigests(small, { workers: 1, batchSize: 7 });
    const fourWorkers = await generateDigests(small, { workers: 4, batchSize: 3 });
    expect(oneWorker).toEqual(inline);
    expect(fourWorkers).toEqual(inline);
    expect(inline.timeline_events.rows).toBeGreaterThan(1000);
  });

  it('gives the same checksums when workers write into arenas given back by the consumer', async () => {
    const inline = await generateDigests(small, { workers: 0, batchSize: 200 });
    // 20 chunks over 2 workers: each writes most of its chunks into an arena it wrote before
    const recycled = await generateDigests(small, { workers: 2, batchSize: 3, returnsChunks: true });
    expect(recycled).toEqual(inline);
    const recycledInline = await generateDigests(small, { workers: 0, batchSize: 3, returnsChunks: true });
    expect(recycledInline).toEqual(inline);
  });

  it('writes only values the validating encoders accept (the fast path trusts the generator\'s formatting)', async () => {
    const trusted = await generateDigests(small);
    const validated = await generateDigests(small, { validate: true });
    expect(validated).toEqual(trusted);
  });

  it('leaves the first patients and all their rows unchanged when the volume grows (prefix stability)', async () => {
    const smaller = await generateText({ ...small, patients: 30 });
    const larger = await generateText({ ...small, patients: 60 });
    expect(larger.organizations).toBe(smaller.organizations);
    // ci tenants stay below one panel at 60 patients: the same minimal care teams
    expect(larger.providers).toBe(smaller.providers);
    for (const table of TABLE_NAMES.filter((t) => t !== 'organizations' && t !== 'providers')) {
      expect(smaller[table].length, table).toBeGreaterThan(0);
      expect(larger[table].startsWith(smaller[table]), `${table} of 30 patients is a prefix of 60`).toBe(true);
      expect(larger[table].length).toBeGreaterThan(smaller[table].length);
    }
  });

  it('only appends staff and never moves a patient when growing patients opens new care pods', async () => {
    // Panels of 8-12 patients, so 40 and 120 patients open different numbers of pods; inbox rates
    // scaled to such panels so the run stays small.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-pods-'));
    const config = path.join(dir, 'small-panels.json');
    writeFileSync(config, JSON.stringify({ params: { panelMin: 8, panelMedian: 10, panelMax: 12, tasksPerPcpDay: 0.5, tasksPerSpecialistDay: 0.2 } }));
    const smaller = await generateText({ ...small, config, patients: 40, historyMonths: 3 });
    const larger = await generateText({ ...small, config, patients: 120, historyMonths: 3 });
    const rows = (text: string) => text.split('\n').filter(Boolean);
    expect(rows(larger.providers).length).toBeGreaterThan(rows(smaller.providers).length + 20);
    // provider ids follow the order staff appears in, so the smaller directory is a prefix
    expect(larger.providers.startsWith(smaller.providers)).toBe(true);
    for (const table of TABLE_NAMES.filter((t) => t !== 'organizations' && t !== 'providers')) {
      expect(larger[table].startsWith(smaller[table]), `${table} of 40 patients is a prefix of 120`).toBe(true);
    }
  }, 120_000);

  it('makes shards whose union, in order, is the whole dataset', async () => {
    const whole = await generateText(small);
    const shards = await Promise.all(['1/3', '2/3', '3/3'].map((shard) => generateText({ ...small, shard })));
    for (const table of TABLE_NAMES) {
      expect(shards.map((s) => s[table]).join(''), table).toBe(whole[table]);
    }
  });

  it('gives different data for different seeds', async () => {
    const a = await generateDigests({ ...small, seed: '1' });
    const b = await generateDigests({ ...small, seed: '2' });
    for (const table of TABLE_NAMES) expect(a[table].sha256, table).not.toBe(b[table].sha256);
  });
});
