import { describe, expect, it } from 'vitest';
import { compareLatency, type LatencySide } from '../../src/bench/compare/compare-latency.js';
import { mannWhitneyGreater, normalUpperTail } from '../../src/bench/compare/mann-whitney.js';
import { summarizeTimings } from '../../src/bench/measure/summarize-timings.js';
import { DEFAULT_MIN_REGRESSION_MS, LATENCY_ALPHA, REGRESSION_RATIO } from '../../src/bench/report/compare-baseline.js';
import { latencySamples } from './latency-samples.js';

const rules = { alpha: LATENCY_ALPHA, minChange: REGRESSION_RATIO, floorMs: DEFAULT_MIN_REGRESSION_MS };
const side = (samplesMs: number[]): LatencySide => ({ stats: summarizeTimings(samplesMs), samplesMs });
const scaled = (samples: number[], factor: number) => samples.map((ms) => ms * factor);

describe('mannWhitneyGreater', () => {
  it('matches the normal tail and a hand-computed U', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 6);
    expect(normalUpperTail(2.326)).toBeCloseTo(0.01, 4);
    expect(normalUpperTail(-1.645)).toBeCloseTo(0.95, 3);
    // every current value above every baseline value: U = n1 * n2
    expect(mannWhitneyGreater([1, 2, 3], [4, 5, 6]).u).toBe(9);
    expect(mannWhitneyGreater([1, 2, 3], [1, 2, 3]).u).toBe(4.5);
  });

  it('gives a high p-value to samples of one distribution, a tiny one to a 1.3x shift', () => {
    const baseline = latencySamples('mw-a', 100, 2);
    expect(mannWhitneyGreater(baseline, latencySamples('mw-b', 100, 2)).pValue).toBeGreaterThan(0.05);
    expect(mannWhitneyGreater(baseline, latencySamples('mw-c', 100, 2.6)).pValue).toBeLessThan(0.001);
    expect(mannWhitneyGreater(baseline, baseline).pValue).toBeGreaterThan(0.4);
  });
});

describe('compareLatency', () => {
  it('does not flag two draws of one distribution, even where their p95s are more than 20% apart', () => {
    const seeds = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
    let p95Apart = 0;
    for (const seed of seeds) {
      const baseline = side(latencySamples(`${seed}-a`, 100, 1.5));
      const current = side(latencySamples(`${seed}-b`, 100, 1.5));
      if (current.stats.p95Ms > 1.2 * baseline.stats.p95Ms) p95Apart++;
      const evidence = compareLatency(baseline, current, null, rules);
      expect(evidence.method).toBe('mann-whitney');
      expect(evidence.regressed, `seed ${seed}`).toBe(false);
    }
    // the old rule (p95 more than 20% worse) would have failed on these
    expect(p95Apart).toBeGreaterThan(0);
  });

  it('flags a 1.3x shift of the whole distribution over 100 samples, with its p-value and ratio', () => {
    const evidence = compareLatency(side(latencySamples('shift-a', 100, 2)), side(latencySamples('shift-b', 100, 2.6)), null, rules);
    expect(evidence.regressed).toBe(true);
    expect(evidence.pValue).toBeLessThan(LATENCY_ALPHA);
    expect(evidence.ratio).toBeGreaterThan(1.2);
  });

  it('does not flag a 1.1x shift, however significant', () => {
    const baseline = latencySamples('small-a', 100, 5);
    expect(compareLatency(side(baseline), side(scaled(baseline, 1.1)), null, rules).regressed).toBe(false);
  });

  it('does not flag a 2x shift of a sub-millisecond query that is under the absolute floor, and does without the floor', () => {
    const baseline = side(latencySamples('tiny-a', 100, 0.04, 0.01));
    const current = side(latencySamples('tiny-b', 100, 0.08, 0.01));
    expect(compareLatency(baseline, current, null, rules).regressed).toBe(false);
    expect(compareLatency(baseline, current, null, { ...rules, floorMs: 0 }).regressed).toBe(true);
  });

  it('does not flag a slowdown the owner run of the same query shows alike (a busier machine), and flags one it does not show', () => {
    const rls = latencySamples('ctl-rls', 100, 2);
    const owner = latencySamples('ctl-owner', 100, 1);
    const busier = { baseline: side(owner), current: side(scaled(owner, 1.5)) };
    const slowerRls = side(scaled(latencySamples('ctl-rls-2', 100, 2), 1.5));
    expect(compareLatency(side(rls), slowerRls, null, rules).regressed).toBe(true);
    const judged = compareLatency(side(rls), slowerRls, busier, rules);
    expect(judged.regressed).toBe(false);
    expect(judged.controlRatio).toBeCloseTo(1.5, 1);
    const calm = { baseline: side(owner), current: side(latencySamples('ctl-owner-2', 100, 1)) };
    expect(compareLatency(side(rls), slowerRls, calm, rules).regressed).toBe(true);
  });

  it('falls back to p95 (with the p50 agreeing) when the baseline has no samples', () => {
    const old = (samples: number[]): LatencySide => ({ stats: summarizeTimings(samples) });
    const baseline = latencySamples('old-a', 100, 2);
    const same = compareLatency(old(baseline), side(baseline), null, rules);
    expect(same).toMatchObject({ method: 'p95', pValue: null, regressed: false });
    expect(compareLatency(old(baseline), side(scaled(baseline, 1.5)), null, rules).regressed).toBe(true);
    // a p95 that jumped on one slow tail, with the median where it was, is not a regression
    const tail = [...baseline].sort((a, b) => a - b).map((ms, i) => (i >= 90 ? ms * 3 : ms));
    expect(compareLatency(old(baseline), side(tail), null, rules).regressed).toBe(false);
  });
});

describe('compareLatency with interleaved rounds', () => {
  const round = 10;
  // a burst of load during rounds 3 to 6 of the current run: both modes 2.5x slower in those rounds
  const burst = (samples: number[]) => samples.map((ms, i) => (i >= 30 && i < 70 ? ms * 2.5 : ms));

  it('cancels a burst that hit both modes, round by round', () => {
    const rls = latencySamples('round-rls', 100, 2);
    const owner = latencySamples('round-owner', 100, 1);
    const current = side(burst(latencySamples('round-rls-2', 100, 2)));
    const control = { baseline: side(owner), current: side(burst(latencySamples('round-owner-2', 100, 1))), round };
    expect(compareLatency(side(rls), current, null, rules).regressed).toBe(true);
    const judged = compareLatency(side(rls), current, control, rules);
    expect(judged.regressed).toBe(false);
    expect(judged.pValue).toBeGreaterThan(LATENCY_ALPHA);
  });

  it('still flags a 1.4x slowdown under RLS during such a burst', () => {
    const rls = latencySamples('round-rls', 100, 2);
    const owner = latencySamples('round-owner', 100, 1);
    const current = side(burst(scaled(latencySamples('round-rls-2', 100, 2), 1.4)));
    const control = { baseline: side(owner), current: side(burst(latencySamples('round-owner-2', 100, 1))), round };
    const judged = compareLatency(side(rls), current, control, rules);
    expect(judged.regressed).toBe(true);
    expect(judged.pValue).toBeLessThan(LATENCY_ALPHA);
  });
});
