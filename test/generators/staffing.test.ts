import { describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { createWorldFor } from '../../src/runner/create-world-for.js';

describe('staffing', () => {
  it('derives staff from patients: more patients open more care pods, each with its primary-care clinician', () => {
    const small = createWorldFor(resolveRunConfig({ profile: '10x', seed: '42', patients: 1000 }));
    const large = createWorldFor(resolveRunConfig({ profile: '10x', seed: '42' }));
    expect(small.staff[0]!.pods.length).toBe(1);
    expect(large.staff[0]!.pods.length).toBeGreaterThanOrEqual(2);
    expect(large.providers.length).toBeGreaterThan(small.providers.length);
    // the smaller directory is the first part of the larger one, unchanged
    const largeRows = new Map(large.providers.map((p) => [p.id, JSON.stringify(p.row)]));
    for (const p of small.providers) expect(largeRows.get(p.id), p.id).toBe(JSON.stringify(p.row));
    for (const directory of large.staff) {
      for (const pod of directory.pods) expect(['physician', 'nurse_practitioner']).toContain(pod.primary.role);
    }
  });

  it('keeps --providers as an override: that many staff, split by tenant size, patients spread over the pods that exist', () => {
    const world = createWorldFor(resolveRunConfig({ profile: 'ci', seed: '42', providers: 60 }));
    expect(world.providers.length).toBe(60);
    const perOrg = world.staff.map((d) => d.all.length);
    expect(Math.min(...perOrg)).toBeGreaterThanOrEqual(2);
    expect(perOrg[0]).toBe(Math.max(...perOrg));
    const largest = world.staff[0]!;
    expect(largest.pods.length).toBeGreaterThan(1);
    const panels = new Map<number, number>();
    for (let i = 0; i < world.assignment.total; i++) {
      if (world.orgOfPatient(i) === 0) panels.set(world.podOfPatient(i).index, (panels.get(world.podOfPatient(i).index) ?? 0) + 1);
    }
    expect(panels.size).toBe(largest.pods.length);
    const sizes = [...panels.values()];
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});
