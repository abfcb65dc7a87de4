import { describe, expect, it } from 'vitest';
import { captureSample } from '../../src/bench/params/capture-sample.js';
import { DRAW_KINDS } from '../../src/bench/params/draw-kinds.js';
import { drawParameterSets } from '../../src/bench/params/draw-parameter-sets.js';
import { searchableWords } from '../../src/bench/params/pick-search-term.js';
import { tenantClassOf } from '../../src/bench/params/pick-stratified.js';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { createWorldFor } from '../../src/runner/create-world-for.js';

const sampleFor = (seed: string) => captureSample(createWorldFor(resolveRunConfig({ profile: 'ci', seed })), 120);

describe('drawParameterSets', () => {
  const sample = sampleFor('42');

  it('repeats the same parameter sequence for the same seed, and another for another seed', () => {
    const again = sampleFor('42');
    const other = sampleFor('7');
    for (const kind of DRAW_KINDS) {
      expect(drawParameterSets(again, kind, 12), kind).toEqual(drawParameterSets(sample, kind, 12));
    }
    expect(drawParameterSets(other, 'timeline_page', 12)).not.toEqual(drawParameterSets(sample, 'timeline_page', 12));
  });

  it('spreads sets across the largest and small tenants and light and heavy patients, largest and heavy first', () => {
    const sets = drawParameterSets(sample, 'timeline_page', 12);
    const orgs = sample.world.organizations.length;
    expect(sets).toHaveLength(12);
    expect(sets[0]!.orgIndex).toBe(0);
    expect(sets[0]!.label).toMatch(/^largest tenant \(org 0\), heavy patient/);
    expect(new Set(sets.map((s) => tenantClassOf(s.orgIndex, orgs)))).toEqual(new Set(['largest', 'mid', 'small']));
    expect(sets.some((s) => s.label.includes('light'))).toBe(true);
  });

  it('gives every set the values its kind promises, and a clinician of the drawn patient', () => {
    for (const set of drawParameterSets(sample, 'new_vital', 6)) {
      const patient = sample.patients.find((p) => p.id === set.values.patient_id)!;
      expect(patient.team).toContain(set.clinicianId);
      expect(set.values.provider_id).toBe(set.clinicianId);
      expect(set.values.org_id).toBe(patient.orgId);
    }
    const small = drawParameterSets(sample, 'small_tenant', 4);
    for (const set of small) expect(tenantClassOf(set.orgIndex, sample.world.organizations.length)).toBe('small');
    expect(small[0]!.values.until).toBe('2025-06-30 00:00:00+00');
    expect(small[0]!.values.since).toBe('2025-04-01 00:00:00+00');
  });
});

describe('searchableWords', () => {
  it('keeps plain words and leaves out what PostgreSQL would parse as another token', () => {
    expect(searchableWords('Basophils/100 leukocytes in blood. Well-controlled (stable) asthma, patient\'s mother: worried; 12mg')).toEqual([
      'leukocytes',
      'blood',
      'stable',
      'asthma',
      'mother',
      'worried',
    ]);
  });
});
